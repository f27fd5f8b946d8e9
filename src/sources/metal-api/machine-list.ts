/**
 * The machines of one answer, read item by item against the last answer: an item whose text equals the last
 * answer's item at the same place keeps what was read from it then (the same Machine object, or the same problem).
 * A poll in which 5 of 1,700 machines moved maps 5 machines, the store walks 5 (store/admit.ts) and the views keep
 * the other rows. Position, not id: metal-api answers in a stable order, and an item that moved is only read again.
 */
import { describeError } from '../../errors';
import type { Machine, MachineIssue } from '../../model/machine';
import { machineFromObject } from './machine-object';

type Read = { readonly machine: Machine } | { readonly problem: string };

export class MachineList {
  private texts: readonly string[] = [];
  private reads: readonly Read[] = [];
  /** A machine with its issues joined, per machine as read: unchanged machine and issues, unchanged object. */
  private joined = new WeakMap<Machine, Machine>();
  private lastJoined: readonly Machine[] = [];

  /** `texts[i]` is item i's JSON text; `parse(i)` gives the item as a value (only called for a changed item). */
  read(texts: readonly string[], parse: (i: number) => unknown): { machines: Machine[]; problems: string[] } {
    const reads = texts.map((text, i) => (this.texts[i] === text ? (this.reads[i] as Read) : readItem(() => parse(i), i)));
    this.texts = texts;
    this.reads = reads;
    const machines: Machine[] = [];
    const problems: string[] = [];
    for (const r of reads) {
      if ('machine' in r) machines.push(r.machine);
      else problems.push(r.problem);
    }
    return { machines, problems };
  }

  /**
   * Every machine with the issues the server found for it (none is an empty list: evaluated and clean); the same
   * list as last time when nothing changed, so the store sees nothing new.
   */
  withIssues(machines: readonly Machine[], issues: ReadonlyMap<string, readonly MachineIssue[]>): readonly Machine[] {
    const out = machines.map((m) => {
      const found = issues.get(m.id) ?? [];
      const before = this.joined.get(m);
      if (before && sameIssues(before.issues ?? [], found)) return before;
      const joined = { ...m, issues: found };
      this.joined.set(m, joined);
      return joined;
    });
    if (out.length === this.lastJoined.length && out.every((m, i) => m === this.lastJoined[i])) return this.lastJoined;
    this.lastJoined = out;
    return out;
  }
}

function readItem(parse: () => unknown, i: number): Read {
  let raw: unknown;
  try {
    raw = parse();
    return { machine: machineFromObject(raw) };
  } catch (error) {
    const id = typeof raw === 'object' && raw !== null && 'id' in raw ? String(raw.id) : `[${i}]`;
    return { problem: `machine ${id}: ${describeError(error)}` };
  }
}

function sameIssues(a: readonly MachineIssue[], b: readonly MachineIssue[]): boolean {
  return a.length === b.length && a.every((x, i) => x.id === b[i]?.id && x.severity === b[i]?.severity && x.description === b[i]?.description && x.refUrl === b[i]?.refUrl);
}
