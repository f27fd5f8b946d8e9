/** The resolved configuration every other layer reads, and its defaults (the reference mini-rack). */
import { DEFAULT_HEALTH_OPTIONS } from '../model/health-options';
import type { EpochMs, Millis } from '../model/time';
import { SECOND } from '../model/time';
import type { ColorMode, ConfigLayer, Mode, Scenario } from './schema';
import { DEFAULT_SSH, type LinkConfig, type PathContext, resolveSwitches, type SshSettings, type SwitchConfig } from './switches';
import type { WizardsConfig } from './wizards-schema';
import type { KubernetesConfig } from './kubernetes';
import type { MetalApiConfig } from './metal-api';
import { type BackupSourceConfig, DEFAULT_RACK_NETWORKS, resolveBackups } from './backups';

export interface Config {
  /** networks: the rack's own networks (CIDRs); a backup store inside them is IN-RACK. */
  readonly rack: { readonly name: string; readonly networks: readonly string[] };
  readonly mode: Mode;
  /** scale absent means the reference mini-rack rather than a generated one. */
  readonly sim: { readonly seed: number; readonly scenario: Scenario; readonly scale?: number };
  readonly refresh: { readonly interval: Millis; readonly timeout: Millis };
  readonly health: { readonly stuckPhaseAfter: Millis; readonly conditionGrace: Millis; readonly switchSyncStale: Millis; readonly sizeDropRatio: number; readonly minVersions: number };
  /** Present only when the operator named a start time: backups newer than it are flagged. */
  readonly incident?: { readonly startedAt: EpochMs };
  readonly ui: { readonly color: ColorMode; readonly ascii: boolean; readonly readOnly: boolean };
  /** Commands the wizards run on a real rack; only from the file. */
  readonly wizards: WizardsConfig;
  /** Real switches read over SSH (BGP and LLDP); empty on the simulated rack. */
  readonly switches: readonly SwitchConfig[];
  readonly ssh: SshSettings;
  /** Cables the operator declared, so a link whose LLDP neighbour vanished shows as down. */
  readonly links: readonly LinkConfig[];
  /** The Kubernetes APIs to read (garden, initial k3s, nested); absent without a `kubernetes:` section. */
  readonly kubernetes?: KubernetesConfig;
  /** metal-api (machines); absent without a `metalApi:` section. */
  readonly metalApi?: MetalApiConfig;
  /** The backup components read from S3; empty without a `backups:` section. */
  readonly backups: readonly BackupSourceConfig[];
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

export const DEFAULT_CONFIG: Config = deepFreeze({
  rack: { name: 'mini-rack', networks: DEFAULT_RACK_NETWORKS },
  mode: 'sim',
  sim: { seed: 1, scenario: 'none' },
  refresh: { interval: 5 * SECOND, timeout: 10 * SECOND },
  health: { stuckPhaseAfter: DEFAULT_HEALTH_OPTIONS.stuckPhaseAfter, conditionGrace: DEFAULT_HEALTH_OPTIONS.conditionGrace, switchSyncStale: DEFAULT_HEALTH_OPTIONS.switchSyncStale, sizeDropRatio: DEFAULT_HEALTH_OPTIONS.sizeDropRatio, minVersions: DEFAULT_HEALTH_OPTIONS.minVersions },
  ui: { color: 'auto', ascii: false, readOnly: false },
  wizards: {},
  switches: [],
  ssh: DEFAULT_SSH,
  links: [],
  backups: [],
});

/** Later layers win key by key; an undefined value never overrides. */
export function mergeLayers(layers: readonly ConfigLayer[]): ConfigLayer {
  const merged: Record<string, unknown> = {};
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer)) {
      if (value === undefined) continue;
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
        const target = (merged[key] ?? {}) as Record<string, unknown>;
        merged[key] = target;
        for (const [field, fieldValue] of Object.entries(value)) {
          if (fieldValue !== undefined) target[field] = fieldValue;
        }
      } else {
        merged[key] = value;
      }
    }
  }
  return merged as ConfigLayer;
}

/**
 * Defaults < layers in order (file, environment, flags). `paths` resolves ~ and relative key files against the
 * config file's directory and finds the ssh-agent; tests may leave it out. Asynchronous because `metalApi.context`
 * is read from metalctl's config file here, so a wrong context is a config error before anything starts.
 */
export async function resolveConfig(layers: readonly ConfigLayer[], paths: PathContext = { env: {}, baseDir: process.cwd() }): Promise<Config> {
  const m = mergeLayers(layers);
  const d = DEFAULT_CONFIG;
  const interval = m.refresh?.interval ?? d.refresh.interval;
  const { switches, ssh, links } = resolveSwitches(m, interval, paths);
  // Their modules hold their schemas (zod): loaded when the config has the section, not on the simulated rack's start.
  const kubernetes = m.kubernetes ? (await import('./kubernetes')).resolveKubernetes(m, paths) : undefined;
  const metalApi = m.metalApi ? await (await import('./metal-api')).resolveMetalApi(m, paths) : undefined;
  const backups = resolveBackups(m, paths);
  const scale = m.sim?.scale;
  const startedAt = m.incident?.startedAt;
  return {
    rack: { name: m.rack?.name ?? d.rack.name, networks: m.rack?.networks ?? d.rack.networks },
    // A config that lists switches or Kubernetes contexts means the real rack unless it says otherwise.
    mode: m.mode ?? (switches.length > 0 || kubernetes || metalApi || backups.length > 0 ? 'real' : d.mode),
    sim: {
      seed: m.sim?.seed ?? d.sim.seed,
      scenario: m.sim?.scenario ?? d.sim.scenario,
      ...(scale === undefined ? {} : { scale }),
    },
    refresh: {
      interval,
      timeout: m.refresh?.timeout ?? d.refresh.timeout,
    },
    health: {
      stuckPhaseAfter: m.health?.stuckPhaseAfter ?? d.health.stuckPhaseAfter,
      conditionGrace: m.health?.conditionGrace ?? d.health.conditionGrace,
      switchSyncStale: m.health?.switchSyncStale ?? d.health.switchSyncStale,
      sizeDropRatio: m.health?.sizeDropRatio ?? d.health.sizeDropRatio,
      minVersions: m.health?.minVersions ?? d.health.minVersions,
    },
    ...(startedAt === undefined ? {} : { incident: { startedAt } }),
    ui: {
      color: m.ui?.color ?? d.ui.color,
      ascii: m.ui?.ascii ?? d.ui.ascii,
      readOnly: m.ui?.readOnly ?? d.ui.readOnly,
    },
    wizards: m.wizards ?? d.wizards,
    switches,
    ssh,
    links,
    ...(kubernetes ? { kubernetes } : {}),
    ...(metalApi ? { metalApi } : {}),
    backups,
  };
}
