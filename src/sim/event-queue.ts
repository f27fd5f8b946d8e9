import type { EpochMs } from '../model/time';

interface Scheduled {
  readonly at: EpochMs;
  readonly seq: number;
  readonly fn: () => void;
}

/**
 * A binary min-heap of pending simulator events, ordered by time and then by insertion so that events at the same
 * millisecond run in the order they were scheduled (needed for determinism).
 */
export class EventQueue {
  private heap: Scheduled[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  push(at: EpochMs, fn: () => void): void {
    const heap = this.heap;
    heap.push({ at, seq: this.seq++, fn });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i] as Scheduled, heap[parent] as Scheduled)) break;
      swap(heap, i, parent);
      i = parent;
    }
  }

  /** Time of the next event, or undefined when nothing is pending. */
  peekTime(): EpochMs | undefined {
    return this.heap[0]?.at;
  }

  pop(): Scheduled | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    heap[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let best = i;
      if (l < heap.length && before(heap[l] as Scheduled, heap[best] as Scheduled)) best = l;
      if (r < heap.length && before(heap[r] as Scheduled, heap[best] as Scheduled)) best = r;
      if (best === i) break;
      swap(heap, i, best);
      i = best;
    }
    return top;
  }
}

function before(a: Scheduled, b: Scheduled): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

function swap(heap: Scheduled[], i: number, j: number): void {
  const t = heap[i] as Scheduled;
  heap[i] = heap[j] as Scheduled;
  heap[j] = t;
}
