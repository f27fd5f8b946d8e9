/**
 * The host key check of one hop: which host key algorithms to ask for, and the verifier ssh2 calls with the
 * key the host presented. Unknown keys are refused unless trust-on-first-use records them; changed or revoked
 * keys are always refused.
 */
import { FileProblem, type FileLimit, readBoundedFile } from '../../files/read-bounded';
import { SshError } from './errors';
import { describeKey, displayType, fingerprint, keyTypeOf } from './host-key-format';
import { appendKnownHost, checkHostKey, type HostKeyVerdict, type KnownHostEntry, knownHostsLine, knownHostsName, parseKnownHosts, recordedKeyTypes } from './known-hosts';
import type { HostKeyInfo } from './types';

export interface HostCheckRequest {
  readonly switchName: string;
  readonly host: string;
  readonly port: number;
  /** "jump host " for the hop in front of the switch, "" for the switch itself. */
  readonly role: string;
  readonly knownHosts: string;
  readonly trustOnFirstUse: boolean;
}

export interface HostCheck {
  /** ssh2 `algorithms.serverHostKey`: the types recorded for the host first, so it is judged on those. */
  readonly serverHostKey: string[];
  /** ssh2 `hostVerifier` (asynchronous form). */
  readonly verify: (key: Buffer, done: (ok: boolean) => void) => void;
  /** Once verify ran: the accepted key, or why it was refused. */
  readonly outcome: () => { info: HostKeyInfo } | { error: SshError } | undefined;
}

/** ssh2's default host key algorithms, in its order; recorded types are moved to the front. */
const DEFAULT_ALGORITHMS = ['ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', 'rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'];
const ALGORITHMS_FOR_TYPE: Readonly<Record<string, readonly string[]>> = {
  'ssh-rsa': ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'],
  'ssh-dss': ['ssh-dss'],
};

function algorithmsFor(types: readonly string[]): string[] {
  const preferred = types.flatMap((t) => ALGORITHMS_FOR_TYPE[t] ?? (DEFAULT_ALGORITHMS.includes(t) ? [t] : []));
  return [...new Set([...preferred, ...DEFAULT_ALGORITHMS])];
}

/** The last parse per file: a rack's switches all connect at start-up and would parse the same text each. */
const parsed = new Map<string, { text: string; entries: KnownHostEntry[] }>();

/**
 * A known_hosts line is 100 to 800 bytes (ed25519 to RSA 4096, hashed or not): 16 MB holds well over 10,000 hosts
 * with three keys each. The file is read and parsed at every connect, so it must stay bounded; a FIFO or device
 * named here is refused before it is opened (reading one never ends).
 */
export const KNOWN_HOSTS_LIMIT: FileLimit = { maxBytes: 16_000_000, what: 'a known_hosts file' };

async function readEntries(req: HostCheckRequest): Promise<KnownHostEntry[]> {
  try {
    const text = await readBoundedFile(req.knownHosts, KNOWN_HOSTS_LIMIT);
    const cached = parsed.get(req.knownHosts);
    if (cached?.text === text) return cached.entries;
    const entries = parseKnownHosts(text);
    parsed.set(req.knownHosts, { text, entries });
    return entries;
  } catch (error) {
    if (error instanceof FileProblem && error.kind === 'missing') return [];
    throw new SshError(req.switchName, 'host-key-unknown', `${req.switchName}: cannot read ${req.knownHosts} to check the host key (${(error as Error).message})`, {
      cause: error,
      reason: 'known_hosts unreadable',
    });
  }
}

function refusal(req: HostCheckRequest, verdict: HostKeyVerdict, key: Buffer): SshError {
  const who = `host key for ${req.role}${knownHostsName(req.host, req.port)}`;
  const where = req.knownHosts;
  if (verdict.status === 'revoked') {
    return new SshError(req.switchName, 'host-key-changed', `${req.switchName}: ${who} is REVOKED in ${where} line ${verdict.entry.line} (${describeKey(key)})`, {
      hint: 'the key was revoked on purpose; find out why before touching the entry',
      reason: 'host key revoked',
    });
  }
  if (verdict.status === 'changed') {
    const old = verdict.known.map((e) => `${displayType(e.keyType)} ${fingerprint(e.key)} (line ${e.line})`).join(', ');
    return new SshError(req.switchName, 'host-key-changed', `${req.switchName}: ${who} has CHANGED: ${where} has ${old}, the host presented ${describeKey(key)}`, {
      hint: `this can be a man-in-the-middle attack; if the switch was reinstalled, check the new fingerprint on its console, then remove the old entry with: ssh-keygen -R '${knownHostsName(req.host, req.port)}' -f ${where}`,
      reason: 'host key CHANGED',
    });
  }
  const type = displayType(keyTypeOf(key) ?? '').toLowerCase();
  const port = req.port === 22 ? '' : `-p ${req.port} `;
  return new SshError(req.switchName, 'host-key-unknown', `${req.switchName}: ${who} is not in ${where} (${describeKey(key)})`, {
    hint: `check the fingerprint on the switch's console, then add it with: ssh-keyscan ${port}-t ${type} ${req.host} >> ${where} (or set trustOnFirstUse for this switch)`,
    reason: 'host key not in known_hosts',
  });
}

/** Records per file are serialised: many switches behind one jump host would otherwise add it many times. */
const recording = new Map<string, Promise<unknown>>();

function record(req: HostCheckRequest, key: Buffer): Promise<HostKeyVerdict | 'recorded'> {
  const run = async () => {
    // Re-read: another connection may have recorded this host meanwhile.
    const verdict = checkHostKey(await readEntries(req), req.host, req.port, key);
    if (verdict.status !== 'unknown') return verdict;
    await appendKnownHost(req.knownHosts, knownHostsLine(req.host, req.port, key));
    return 'recorded' as const;
  };
  const next = (recording.get(req.knownHosts) ?? Promise.resolve()).then(run, run);
  recording.set(req.knownHosts, next);
  return next;
}

export async function prepareHostCheck(req: HostCheckRequest): Promise<HostCheck> {
  const entries = await readEntries(req);
  let outcome: { info: HostKeyInfo } | { error: SshError } | undefined;
  const accept = (key: Buffer, status: HostKeyInfo['status']) => {
    outcome = { info: { type: keyTypeOf(key) ?? 'unknown', fingerprint: fingerprint(key), status } };
  };
  const refuse = (error: SshError, done: (ok: boolean) => void) => {
    outcome = { error };
    done(false);
  };
  const verify = (key: Buffer, done: (ok: boolean) => void) => {
    const verdict = checkHostKey(entries, req.host, req.port, key);
    if (verdict.status === 'known') {
      accept(key, 'known');
      done(true);
    } else if (verdict.status !== 'unknown' || !req.trustOnFirstUse) {
      refuse(refusal(req, verdict, key), done);
    } else {
      record(req, key).then(
        (result) => {
          if (result !== 'recorded' && result.status !== 'known') return refuse(refusal(req, result, key), done);
          accept(key, result === 'recorded' ? 'recorded' : 'known');
          done(true);
        },
        (error: unknown) => {
          const message = `${req.switchName}: cannot record the host key in ${req.knownHosts} (${(error as Error).message})`;
          refuse(new SshError(req.switchName, 'host-key-unknown', message, { cause: error, reason: 'cannot write known_hosts' }), done);
        },
      );
    }
  };
  return { serverHostKey: algorithmsFor(recordedKeyTypes(entries, req.host, req.port)), verify, outcome: () => outcome };
}
