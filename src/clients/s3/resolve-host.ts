/**
 * The addresses an endpoint's host stands for, to tell whether the store sits inside the rack's own networks. An IP
 * literal is itself; a name is resolved as the SDK will resolve it (the system resolver), bounded in time.
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { untilAborted } from '../../abortable';
import type { Millis } from '../../model/time';

export async function hostAddresses(endpoint: string, timeout: Millis, signal: AbortSignal): Promise<string[]> {
  const host = new URL(endpoint).hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) return [host];
  const limit = AbortSignal.any([signal, AbortSignal.timeout(timeout)]);
  const found = await untilAborted(lookup(host, { all: true }), limit);
  return found.map((a) => a.address);
}
