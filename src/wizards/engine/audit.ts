import { appendFileSync, mkdirSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { defaultStateDir } from './state-files';
import type { ActionSpec } from './types';

/**
 * Who did what to which rack, when, and how it ended: an append-only JSON-lines file that survives the run
 * journal (journals are per run and may be cleaned up). It must never hold a secret, so specs are redacted here.
 */
export interface AuditEntry {
  /** Wall-clock ISO time of the event (not the run clock: the audit is about people, not the simulated rack). */
  readonly time: string;
  readonly event: 'run-start' | 'answer' | 'step-start' | 'decision' | 'action-start' | 'action-end' | 'step-end' | 'run-end' | 'lock';
  readonly operator: string;
  readonly rack: string;
  readonly runbook: string;
  readonly runId: string;
  readonly step?: string;
  readonly action?: { readonly id: string; readonly description: string };
  readonly spec?: ActionSpec;
  readonly outcome?: string;
  readonly error?: string;
  readonly detail?: string;
  readonly dryRun: boolean;
}

export type AuditRecord = Omit<AuditEntry, 'time'>;

export interface AuditLog {
  /** Undefined for an in-memory log. */
  readonly file?: string;
  record(entry: AuditRecord): void;
}

/** The operator as the audit names them. */
export function operatorName(): string {
  return `${userInfo().username}@${hostname()}`;
}

/** Appends to `<stateDir>/audit.log`; each event is one line written with one append, so lines never interleave. */
export function openAudit(stateDir: string = defaultStateDir(), now: () => number = Date.now): AuditLog {
  const file = join(stateDir, 'audit.log');
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  return {
    file,
    record(entry) {
      const line = JSON.stringify(toEntry(entry, now));
      appendFileSync(file, `${line}\n`, { flag: 'a', mode: 0o600 });
    },
  };
}

/** Keeps entries in memory: for tests, and for callers that show the audit trail without writing it. */
export function memoryAudit(now: () => number = Date.now): AuditLog & { readonly entries: AuditEntry[] } {
  const entries: AuditEntry[] = [];
  return { entries, record: (entry) => void entries.push(toEntry(entry, now)) };
}

function toEntry(entry: AuditRecord, now: () => number): AuditEntry {
  return {
    time: new Date(now()).toISOString(),
    ...entry,
    ...(entry.spec ? { spec: redactSpec(entry.spec) } : {}),
    ...(entry.error !== undefined ? { error: redactText(entry.error) } : {}),
    ...(entry.detail !== undefined ? { detail: redactText(entry.detail) } : {}),
  };
}

const SECRET = /pass|secret|token|key|credential/i;
export const REDACTED = '***';

/** A copy of the spec with secret-looking values replaced: object keys, `--flag=value`, `--flag value`, `NAME=value`, `?token=`. */
export function redactSpec(spec: ActionSpec): ActionSpec {
  const copy = redactValue(spec) as ActionSpec;
  if (copy.kind === 'command') return { ...copy, argv: redactArgv(copy.argv) };
  if (copy.kind === 'api') return { ...copy, path: redactText(copy.path) };
  return copy;
}

export function redactArgv(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const assign = /^(-{0,2}[A-Za-z_][\w.-]*)=/.exec(arg);
    if (assign?.[1] && SECRET.test(assign[1])) {
      out.push(`${assign[1]}=${REDACTED}`);
      continue;
    }
    out.push(arg);
    // `--password hunter2`: the value is the next element.
    const next = argv[i + 1];
    if (/^--?[A-Za-z]/.test(arg) && !arg.includes('=') && SECRET.test(arg) && next !== undefined && !next.startsWith('-')) {
      out.push(REDACTED);
      i++;
    }
  }
  return out;
}

/** Redacts `name=value` pairs with a secret-looking name inside free text (query strings, error messages). */
export function redactText(text: string): string {
  return text.replace(/([A-Za-z_][\w.-]*)=([^&\s]*)/g, (all, name: string) => (SECRET.test(name) ? `${name}=${REDACTED}` : all));
}

function redactValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactValue);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET.test(k) ? REDACTED : redactValue(v);
  return out;
}
