import { describe, expect, it } from 'vitest';
import { KubeError } from '../../../src/clients/kube/kube-error';
import { FailedRead, StaleRead } from '../../../src/sources/source';
import { PollAnswer } from '../../../src/sources/kube/poll-answer';

const read = (items: string[], more: { problems?: string[]; unchanged?: boolean; broken?: KubeError } = {}) => ({ items, problems: more.problems ?? [], unchanged: more.unchanged ?? false, ...(more.broken ? { broken: more.broken } : {}) });
const failure = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
};

describe('a watched collection read as a poll answer', () => {
  it('keeps the same data object while nothing changed', () => {
    const a = new PollAnswer((items: readonly string[]) => ({ etcds: items as never }), 'etcd');
    const first = a.from(read(['a']));
    expect(a.from(read(['a'], { unchanged: true }))).toBe(first);
    expect(a.from(read(['a', 'b']))).not.toBe(first);
  });

  it('names objects that could not be read, and carries the others', () => {
    const a = new PollAnswer((items: readonly string[]) => ({ etcds: items as never }), 'etcd');
    const e = failure(() => a.from(read(['a'], { problems: ['garden/x: unexpected output shape: metadata.name is missing', 'garden/y: …', 'garden/z: …'] })));
    expect(e).toBeInstanceOf(FailedRead);
    expect((e as FailedRead).message).toBe('3 etcd(s) could not be read: garden/x: unexpected output shape: metadata.name is missing; garden/y: …; 1 more');
    expect((e as FailedRead).data).toEqual({ etcds: ['a'] });
  });

  it('is stale with the reason while the watch is broken, and empty (no error) for a missing optional resource', () => {
    const a = new PollAnswer((items: readonly string[]) => ({ etcds: items as never }), 'etcd');
    a.from(read(['a']));
    const e = failure(() => a.from(read(['a'], { unchanged: true, broken: new KubeError('connect', 'k3s: cannot connect to https://x: connection refused') })));
    expect(e).toBeInstanceOf(StaleRead);
    expect((e as StaleRead).message).toBe('watch broken: k3s: cannot connect to https://x: connection refused');
    expect(a.empty()).toEqual({ etcds: [] });
    // Back again: its items, not the empty answer, even when the collection's read is the unchanged one.
    expect(a.from(read(['a'], { unchanged: true }))).toEqual({ etcds: ['a'] });
  });
});
