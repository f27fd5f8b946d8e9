import { appendFileSync, readFileSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import type { Effect, RealCall } from './calls';
import { asStateDirError, defaultStateDir, ensureStateDir, visibleStrings } from './state-files';
import type { VersionChoice } from './types';

/**
 * Who did what to which rack, when, and how it ended: an append-only JSON-lines file that outlives the run
 * journals. It is also the second record of a run: when a journal is lost or corrupted, the audit log still says
 * which actions were done. It must never hold a secret, so calls are redacted here, and what an operator typed
 * is never recorded (only whether it matched).
 */
export interface AuditEntry {
  /** Wall-clock ISO time of the event (not the run clock: the audit is about people, not the simulated rack). */
  readonly time: string;
  /** The run's own clock at the event (a simulated rack's time on the sim): a lost journal is rebuilt with it. */
  readonly at?: number;
  readonly event: 'run-start' | 'answer' | 'step-start' | 'decision' | 'action-start' | 'output' | 'action-end' | 'step-end' | 'run-end' | 'lock' | 'resume';
  readonly operator: string;
  readonly rack: string;
  readonly runbook: string;
  readonly runId: string;
  readonly step?: string;
  readonly action?: { readonly id: string; readonly description: string; readonly destructive?: boolean };
  readonly effect?: Effect;
  readonly calls?: readonly RealCall[];
  /** An answer: the version chosen against the one proposed (and the flags the operator overrode). */
  readonly choice?: VersionChoice;
  /** run-start: the run's parameters (never secrets), so a lost journal can be rebuilt from this log. */
  readonly params?: Readonly<Record<string, string>>;
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

export function auditFile(stateDir: string): string {
  return join(stateDir, 'audit.log');
}

/** Appends to `<stateDir>/audit.log`; each event is one line written with one append, so lines never interleave. */
export function openAudit(stateDir: string = defaultStateDir(), now: () => number = Date.now): AuditLog {
  const file = auditFile(stateDir);
  ensureStateDir(stateDir);
  return {
    file,
    record(entry) {
      const line = JSON.stringify(toEntry(entry, now));
      try {
        appendFileSync(file, `${line}\n`, { flag: 'a', mode: 0o600 });
      } catch (error) {
        throw asStateDirError(file, error);
      }
    },
  };
}

/** Keeps entries in memory: for tests, and for callers that show the audit trail without writing it. */
export function memoryAudit(now: () => number = Date.now): AuditLog & { readonly entries: AuditEntry[] } {
  const entries: AuditEntry[] = [];
  return { entries, record: (entry) => void entries.push(toEntry(entry, now)) };
}

/** Every entry of one run, oldest first; lines that are not JSON (a torn last line) are skipped. */
export function readAuditRun(stateDir: string, runId: string): AuditEntry[] {
  let text: string;
  try {
    text = readFileSync(auditFile(stateDir), 'utf8');
  } catch {
    return [];
  }
  const out: AuditEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line.includes(runId)) continue;
    try {
      const entry = JSON.parse(line, visibleStrings) as AuditEntry;
      if (entry.runId === runId) out.push(entry);
    } catch {
      // A line cut by a crash or a full disk: the rest of the log still counts.
    }
  }
  return out;
}

function toEntry(entry: AuditRecord, now: () => number): AuditEntry {
  return {
    time: new Date(now()).toISOString(),
    ...entry,
    ...(entry.calls ? { calls: entry.calls.map(redactCall) } : {}),
    ...(entry.params ? { params: redactValue(entry.params) as Record<string, string> } : {}),
    ...(entry.error !== undefined ? { error: redactText(entry.error) } : {}),
    ...(entry.detail !== undefined ? { detail: redactText(entry.detail) } : {}),
  };
}

const SECRET = /pass|secret|token|key|credential/i;
export const REDACTED = '***';

/** A copy of the call with secret-looking values replaced: object keys, `--flag=value`, `--flag value`, `NAME=value`. */
export function redactCall(call: RealCall): RealCall {
  if (call.kind === 'command') return { ...call, argv: redactArgv(call.argv) };
  if (call.kind === 'http') return { ...call, path: redactText(call.path) };
  if (call.kind === 'kube' && call.command) return { ...call, command: redactArgv(call.command) };
  // Keys and names of objects are not secrets; metadata values might be.
  if (call.kind === 's3' && call.metadata) return { ...call, metadata: redactValue(call.metadata) as Record<string, string> };
  return call;
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
  // A quote right before the end of the value is left alone: it closes a quoted argument the value sits in.
  return text.replace(/([A-Za-z_][\w.-]*)=([^&\s]*?)(?=['"]?(?:[&\s]|$))/g, (all, name: string) => (SECRET.test(name) ? `${name}=${REDACTED}` : all));
}

/**
 * A line of a tool's output, as shown and audited: `name=value` (redactText), `name: value` and `"name": "value"`
 * (YAML, JSON, headers) with a secret-looking name, and `Bearer <token>`.
 */
export function redactLine(line: string): string {
  return redactText(line)
    .replace(/("?)([A-Za-z_][\w.-]*)\1(\s*:\s*)("[^"]*"|\S+)/g, (all, q: string, name: string, sep: string) => (SECRET.test(name) ? `${q}${name}${q}${sep}${REDACTED}` : all))
    .replace(/\b(bearer\s+)\S+/gi, `$1${REDACTED}`);
}

function redactValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactValue);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET.test(k) ? REDACTED : redactValue(v);
  return out;
}
