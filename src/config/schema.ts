/**
 * The shape of config.yaml. Every key is optional in the file; defaults live in defaults.ts so that
 * the file, the environment and the flags can all be validated by this one schema and then merged.
 * Objects are strict: an unknown key is almost always a typo, and silently ignoring it would leave
 * the operator wondering why a setting has no effect.
 */
import * as z from 'zod';
import { DURATION_EXPECTED, DurationError, formatDuration, parseDuration } from './duration';
import { ISO_TIME_EXPECTED, parseIsoTime } from './iso-time';
import { once } from '../once';
import { kubernetesSchema } from './kubernetes';
import { backupsSchema, cidrList } from './backups-schema';
import { metalApiSchema } from './metal-api-schema';
import { SWITCHES_KNOWN_KEYS, switchesSchemas } from './switches-schema';
import { WIZARDS_KNOWN_KEYS, wizardsSchema } from './wizards-schema';
import { COLOR_MODES, MAX_SIM_SCALE, MIN_REFRESH_MS, MODES, SCENARIOS } from './choices';

export { COLOR_MODES, type ColorMode, MAX_SIM_SCALE, MIN_REFRESH_MS, MODES, type Mode, SCENARIOS, type Scenario } from './choices';

const oneOf = (values: readonly string[]): string => `expected one of ${values.join(', ')}`;

function integer(expected: string) {
  return z.number({ error: expected }).int({ error: expected });
}

const bool = z.boolean({ error: 'expected true or false' });

/**
 * A duration field: accepts "5s" or milliseconds, yields milliseconds, enforces a floor; parseDuration enforces the
 * ceiling (MAX_DURATION). Any value reaches parseDuration, so Infinity (YAML's 1e400) gets its own message
 * rather than zod's refusal of a non-finite number.
 */
function duration(minMs: number) {
  return z.unknown().transform((value, ctx) => {
    let ms: number;
    try {
      if (typeof value !== 'string' && typeof value !== 'number') throw new DurationError(DURATION_EXPECTED, value);
      ms = parseDuration(value);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: error instanceof DurationError ? error.expected : DURATION_EXPECTED });
      return z.NEVER;
    }
    if (ms < minMs) {
      ctx.addIssue({ code: 'custom', message: `expected a duration of at least ${formatDuration(minMs)}` });
      return z.NEVER;
    }
    return ms;
  });
}

const isoTime = z.string({ error: ISO_TIME_EXPECTED }).transform((value, ctx) => {
  const ms = parseIsoTime(value);
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: ISO_TIME_EXPECTED });
    return z.NEVER;
  }
  return ms;
});

const NAME_EXPECTED = 'expected a non-empty name without control characters';

export const rackSchema = z.strictObject(
  {
    // Shown in the header: control characters would corrupt the terminal.
    name: z
      .string({ error: NAME_EXPECTED })
      .regex(/^[^\p{Cc}]+$/u, { error: NAME_EXPECTED })
      .regex(/\S/, { error: NAME_EXPECTED })
      .optional(),
    networks: cidrList.optional(),
  },
  { error: 'expected a mapping' },
);

const POSITIVE_INT = 'expected a positive integer';

export const simSchema = z.strictObject(
  {
    seed: integer('expected an integer').optional(),
    scenario: z.enum(SCENARIOS, { error: oneOf(SCENARIOS) }).optional(),
    scale: integer(POSITIVE_INT)
      .positive({ error: POSITIVE_INT })
      .max(MAX_SIM_SCALE, { error: `expected at most ${MAX_SIM_SCALE} machines` })
      .optional(),
  },
  { error: 'expected a mapping' },
);

export const refreshSchema = z.strictObject(
  {
    interval: duration(MIN_REFRESH_MS).optional(),
    timeout: duration(MIN_REFRESH_MS).optional(),
  },
  { error: 'expected a mapping' },
);

const RATIO = 'expected a number between 0 and 1 (exclusive)';

export const healthSchema = z.strictObject(
  {
    stuckPhaseAfter: duration(1000).optional(),
    conditionGrace: duration(0).optional(),
    switchSyncStale: duration(1000).optional(),
    sizeDropRatio: z.number({ error: RATIO }).gt(0, { error: RATIO }).lt(1, { error: RATIO }).optional(),
    minVersions: integer('expected an integer of at least 1').min(1, { error: 'expected an integer of at least 1' }).optional(),
  },
  { error: 'expected a mapping' },
);

export const incidentSchema = z.strictObject({ startedAt: isoTime.optional() }, { error: 'expected a mapping' });

export const uiSchema = z.strictObject(
  {
    color: z.enum(COLOR_MODES, { error: oneOf(COLOR_MODES) }).optional(),
    ascii: bool.optional(),
    readOnly: bool.optional(),
  },
  { error: 'expected a mapping' },
);

// A section whose children are all commented out parses as null; treat it as empty, not as an error.
const section = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === null ? {} : v), schema).optional();

/*
 * The schemas of the big sections are built the first time a layer has that section. Every flag and variable is a
 * layer of its own, and most files have a few sections: building them all when the module loads cost the TUI's
 * first frame about 15 ms of zod schema construction (CPU profile), on the simulated rack for sections it never reads.
 */
const switchSchemas = once(() => switchesSchemas(duration));
const kubeSchema = once(() => kubernetesSchema(duration));
const metalSchema = once(() => metalApiSchema(duration));
const backupSchemas = once(() => backupsSchema(duration));
const wizardSchema = once(() => wizardsSchema(duration));

export const configFileSchema = z.strictObject(
  {
    rack: section(rackSchema),
    mode: z.enum(MODES, { error: oneOf(MODES) }).optional(),
    sim: section(simSchema),
    refresh: section(refreshSchema),
    health: section(healthSchema),
    incident: section(incidentSchema),
    ui: section(uiSchema),
    wizards: section(z.lazy(wizardSchema)),
    switches: z.lazy(() => switchSchemas().switches).optional(),
    ssh: section(z.lazy(() => switchSchemas().ssh)),
    links: z.lazy(() => switchSchemas().links).optional(),
    kubernetes: section(z.lazy(kubeSchema)),
    metalApi: section(z.lazy(metalSchema)),
    backups: z.lazy(() => backupSchemas().list).optional(),
  },
  { error: 'expected a mapping' },
);

/** One validated layer (file, environment or flags): parsed values, every key optional. */
export type ConfigLayer = z.output<typeof configFileSchema>;

/** Known keys per mapping (by dotted path, '' for the top level), for "did you mean" on unknown keys. */
export const knownKeys = once(
  (): Readonly<Record<string, readonly string[]>> => ({
    '': Object.keys(configFileSchema.shape),
    rack: Object.keys(rackSchema.shape),
    sim: Object.keys(simSchema.shape),
    refresh: Object.keys(refreshSchema.shape),
    health: Object.keys(healthSchema.shape),
    incident: Object.keys(incidentSchema.shape),
    ui: Object.keys(uiSchema.shape),
    kubernetes: Object.keys(kubeSchema().shape),
    'kubernetes.namespaces': ['metalStack', 'gardener'],
    metalApi: Object.keys(metalSchema().shape),
    'backups.*': Object.keys(backupSchemas().component.shape).filter((k) => k !== 'accessKeyId' && k !== 'secretAccessKey'),
    ...WIZARDS_KNOWN_KEYS,
    ...SWITCHES_KNOWN_KEYS(Object.keys(switchSchemas().switchSchema.shape), Object.keys(switchSchemas().ssh.shape)),
  }),
);
