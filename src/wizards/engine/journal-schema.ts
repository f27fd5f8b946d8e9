import * as z from 'zod';

/**
 * The run journal's shape, checked on every load: a journal is the safety record of what a run has done, so one
 * that does not validate is refused with what is wrong, never half-trusted (a wrong `updatedAt` once made a
 * resumed run wait forever; a `null` where a list belongs made every later run crash).
 */
export const JOURNAL_FORMAT = 2;

/** Epoch milliseconds between 2000 and 2100: anything else is corruption, not a time. */
const time = z.number().int().min(946_684_800_000).max(4_102_444_800_000);
const id = z.string().min(1).max(400);

const effect = z.discriminatedUnion('op', [
  z.object({ op: z.literal('power-on'), ids: z.array(id).min(1) }),
  z.object({ op: z.literal('reprovision-bootstrap'), id, snapshotsOf: id }),
  z.object({ op: z.enum(['stop-database', 'start-database', 'clear-data', 'pause-backups', 'resume-backups']), component: id }),
  z.object({ op: z.enum(['promote-version', 'set-aside-newer', 'restore-snapshot']), component: id, versionId: id }),
  z.object({ op: z.literal('none') }),
  z.object({ op: z.literal('wait'), ms: z.number().int().min(0).max(7 * 86_400_000) }),
]);

const text = z.string().max(4000);
/** What a real executor runs, as the end-of-run summary shows it (calls.ts): checked, so showing one never throws. */
const call = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('command'), argv: z.array(text).min(1), timeout: z.number().int().min(0).optional() }),
  z.object({
    kind: z.literal('kube'),
    context: id,
    namespace: id,
    verb: z.enum(['scale', 'delete', 'wait', 'annotate']),
    resource: z.enum(['statefulset', 'persistentvolumeclaim', 'pod', 'etcd', 'node']),
    name: id,
    args: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  }),
  z.object({
    kind: z.literal('s3'),
    op: z.enum(['copy-version', 'copy-object', 'delete-object', 'head-object']),
    endpoint: text,
    bucket: id,
    key: text,
    versionId: id.optional(),
    metadata: z.record(z.string(), text).optional(),
    to: text.optional(),
  }),
  z.object({ kind: z.literal('manual'), instruction: text }),
  z.object({ kind: z.literal('http'), service: z.literal('metal-api'), method: z.literal('GET'), path: text, timeout: z.number().int().min(0) }),
]);

const action = z.object({
  id,
  description: z.string(),
  destructive: z.boolean(),
  state: z.enum(['pending', 'running', 'done', 'failed', 'planned']),
  startedAt: time.optional(),
  endedAt: time.optional(),
  error: z.string().optional(),
  /** What it did to the rack: a resumed run on the simulator replays the done ones; the summary reads them. */
  effect: effect.optional(),
  /** How to take back what it leaves changed, shown by the end-of-run summary (calls are only displayed). */
  undo: z.object({ what: z.string(), calls: z.array(call) }).optional(),
});

const step = z.object({
  id,
  title: z.string(),
  state: z.enum(['pending', 'running', 'done', 'skipped', 'failed', 'planned']),
  startedAt: time.optional(),
  endedAt: time.optional(),
  error: z.string().optional(),
  actions: z.array(action),
});

const choice = z.object({
  componentId: id,
  versionId: id,
  name: id,
  versionTime: time,
  size: z.number().int().min(0),
  proposed: id.optional(),
  flags: z.array(z.enum(['empty', 'much-smaller', 'after-incident'])),
  newestSeen: id.optional(),
});

export const journalSchema = z.object({
  format: z.literal(JOURNAL_FORMAT),
  runId: z.string().regex(/^[A-Za-z0-9._-]{1,80}$/),
  runbookId: id,
  rack: id,
  operator: z.string().max(400),
  params: z.record(z.string(), z.string()),
  dryRun: z.boolean(),
  startedAt: time,
  updatedAt: time,
  endedAt: time.optional(),
  state: z.enum(['running', 'done', 'aborted', 'failed', 'cancelled']),
  error: z.string().optional(),
  /** Wall-clock time a person spent answering, so a drill reports it apart from the machine's time. */
  operatorMs: z.number().int().min(0).max(365 * 86_400_000),
  /** The version chosen in each step that asked, by step id. */
  choices: z.record(z.string(), choice),
  steps: z.array(step),
});

export type JournalData = z.infer<typeof journalSchema>;
export type JournalStep = JournalData['steps'][number];
export type JournalAction = JournalStep['actions'][number];
export type RunState = JournalData['state'];
/** `planned`: shown by a dry run, never executed. `running` in a loaded journal means the run crashed during it. */
export type ActionState = JournalAction['state'];
