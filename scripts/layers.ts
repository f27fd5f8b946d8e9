/**
 * The layer rules, one table: which folder may not import which. Biome cannot merge the options of one rule across
 * overrides, so every folder's override must repeat the rules every folder shares; written by hand that was 17
 * near-identical blocks. `npm run layers` writes them into biome.json from this table, and test/layers.test.ts
 * fails when biome.json and the table disagree.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

const NETWORK = 'Only src/clients/ talks to the network and to processes (timeouts, abort, error wrapping live there).';
const NETWORK_LIBS = ['node-ssh', 'ssh2', 'execa', '@kubernetes/client-node', '@aws-sdk/client-s3'];
const NO_UI: Readonly<Record<string, string>> = {
  react: 'src/ has no React: only views/ may import react.',
  ink: 'src/ has no Ink: only views/ may import ink.',
};
const ONE_WAY = {
  group: ['react/*', 'ink/*', 'ink-*', '**/views', '**/views/**', '**/commands', '**/commands/**'],
  message: 'Layers are one-way: src/ must not import react, ink, views/ or commands/.',
};

interface Layer {
  readonly includes: readonly string[];
  /** Folders (a folder and everything under it) and single modules (`file:` prefix) this layer may not import. */
  readonly forbid?: readonly string[];
  readonly message?: string;
  /** What every src/ folder shares: no React/Ink, no views/ or commands/. */
  readonly src: boolean;
  /** May import the network and process libraries (only src/clients/). */
  readonly network?: boolean;
}

export const LAYERS: readonly Layer[] = [
  { includes: ['src/**', '!src/clients/**'], src: true },
  {
    includes: ['src/model/**'],
    src: true,
    forbid: ['text', 'backups', 'health', 'present', 'sources', 'sim', 'store', 'config', 'clients', 'wizards', 'files'],
    message: 'model/ is the bottom layer: plain types and units, importing nothing else of src/.',
  },
  {
    includes: ['src/text/**'],
    src: true,
    forbid: ['backups', 'health', 'present', 'sources', 'sim', 'store', 'config', 'clients', 'wizards', 'files'],
    message: 'text/ is a leaf (formatting of times, sizes, ages): it imports only model/.',
  },
  {
    includes: ['src/backups/**'],
    src: true,
    forbid: ['health', 'present', 'sources', 'sim', 'store', 'config', 'clients', 'wizards', 'files'],
    message: 'backups/ is the pure version judge: model and text only, so health, panes, status and wizards can all use it.',
  },
  {
    includes: ['src/health/**'],
    src: true,
    forbid: ['present', 'sources', 'sim', 'store', 'config', 'clients', 'wizards', 'files'],
    message: 'health/ rules are pure (snapshot -> findings): model, text and the backup judge only.',
  },
  {
    includes: ['src/present/**'],
    src: true,
    forbid: ['sources', 'sim', 'store', 'config', 'clients', 'wizards', 'files'],
    message: 'present/ turns the model and findings into rows; it must not reach sources, the store, the sim or the wizards.',
  },
  {
    includes: ['src/sim/**'],
    src: true,
    forbid: ['text', 'backups', 'health', 'present', 'sources', 'store', 'config', 'clients', 'wizards', 'files'],
    message: 'sim/ is the simulated world: it knows only the model. Sources and wizards use it through their adapters.',
  },
  {
    includes: ['src/sources/**'],
    src: true,
    forbid: ['health', 'present', 'store', 'wizards', 'backups'],
    message: 'sources/ produce model objects; the store, health, presenters and wizards are above them.',
  },
  {
    includes: ['src/store/**'],
    src: true,
    forbid: ['present', 'sim', 'config', 'clients', 'wizards', 'files'],
    message: 'store/ refreshes sources into snapshots and judges them once (health, backups); nothing above it.',
  },
  {
    includes: ['src/files/**'],
    src: true,
    forbid: ['backups', 'health', 'present', 'sources', 'sim', 'store', 'config', 'clients', 'wizards'],
    message: 'files/ reads the files the operator names (regular files, bounded size) for config/ and clients/: it imports only model/ and text/.',
  },
  {
    includes: ['src/config/**'],
    src: true,
    forbid: ['clients', 'sources', 'sim', 'store', 'present', 'wizards', 'health'],
    message: 'config/ reads and checks files; the clients and sources that consume it sit above it.',
  },
  {
    includes: ['src/wizards/engine/**'],
    src: true,
    forbid: ['runbooks', 'operator', 'sim-adapter', 'real-executor', 'drill', 'sim', 'sources', 'store', 'present', 'clients'],
    message: 'The wizard engine (runner, journal, lock, audit) knows no runbook, operator screen or simulator.',
  },
  {
    includes: ['src/wizards/runbooks/**'],
    src: true,
    forbid: ['operator', 'sim-adapter', 'real-executor', 'drill', 'sim', 'sources', 'store', 'clients'],
    message: "Runbooks are data on the engine's types; they do not run, print or simulate anything.",
  },
  {
    includes: ['src/wizards/operator/**'],
    src: true,
    forbid: ['sim-adapter', 'real-executor', 'drill', 'sim', 'sources', 'store', 'clients'],
    message: "The operator's side (line mode, full screen, --auto) answers the engine; it does not reach the simulator or sources.",
  },
  {
    includes: ['src/wizards/drill/**'],
    src: true,
    forbid: ['sim', 'sources', 'store', 'clients'],
    message: 'Drills use the simulated world only through wizards/sim-adapter/.',
  },
  {
    includes: ['src/wizards/real-executor/**'],
    src: true,
    forbid: ['operator', 'sim-adapter', 'drill', 'sim', 'sources', 'store', 'present'],
    message: 'The real executor runs calls through clients/ only: it knows no simulator, source or operator screen.',
  },
  {
    includes: ['src/clients/**'],
    src: true,
    network: true,
    forbid: ['sources', 'sim', 'store', 'present', 'wizards', 'health', 'config', 'backups'],
    message: 'clients/ wrap libraries; they know nothing of sources, config or what the rack looks like.',
  },
  { includes: ['commands/**', 'views/**', 'cli.ts'], src: false },
  {
    includes: ['views/**'],
    src: false,
    forbid: ['sources', 'sim', 'clients', 'config', 'files', 'file:wizards/engine/runner', 'commands'],
    message: 'views/ show what the store and the presenters give them: no sources, clients, simulator or commands.',
  },
];

/**
 * Folders of src/ that have an index.ts, so `../health` imports the folder itself. Only for those is the bare name
 * forbidden too; otherwise the pattern
 * for src/backups/ would also forbid src/config/backups.ts, a different module of that name.
 */
const INDEXED = new Set(
  readdirSync(new URL('../src', import.meta.url), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('/index.ts'))
    .map((f) => f.split('/').at(-2) ?? ''),
);

/** `name` forbids the folder and everything in it; `file:path` one module. */
function globs(entry: string): string[] {
  if (entry.startsWith('file:')) return [`**/${entry.slice(5)}`];
  return INDEXED.has(entry) ? [`**/${entry}`, `**/${entry}/**`] : [`**/${entry}/**`];
}

/** Biome's overrides for the table: each folder's override carries the shared rules as well as its own. */
export function layerOverrides(layers: readonly Layer[] = LAYERS): unknown[] {
  return layers.map((l) => {
    const paths = { ...(l.src ? NO_UI : {}), ...Object.fromEntries((l.network ? [] : NETWORK_LIBS).map((lib) => [lib, NETWORK])) };
    const patterns = [...(l.src ? [ONE_WAY] : []), ...(l.forbid ? [{ group: l.forbid.flatMap(globs), message: l.message ?? '' }] : [])];
    return {
      includes: [...l.includes],
      linter: { rules: { style: { noRestrictedImports: { level: 'error', options: { paths, ...(patterns.length ? { patterns } : {}) } } } } },
    };
  });
}

// `npm run layers`: rewrite biome.json's overrides from the table, leaving the rest of the file as it is.
if (import.meta.url === `file://${process.argv[1]}`) {
  const file = new URL('../biome.json', import.meta.url);
  const config = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  writeFileSync(file, `${JSON.stringify({ ...config, overrides: layerOverrides() }, null, '\t')}\n`);
}
