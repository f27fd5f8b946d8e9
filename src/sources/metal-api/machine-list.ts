/**
 * The machines of one answer, read item by item against the last answer: an item whose text equals an item of the
 * last answer (the same key: a digest of the text, clients/metal-api/list-answer.ts) keeps what was read from it
 * then (the same Machine object, or the same problem), wherever it now stands. A poll in which 5 of 1,700 machines
 * moved on decodes and maps 5 machines, the store walks 5 (store/admit.ts) and the views keep the other rows; what
 * is kept between polls is one key per item, not the answer's text.
 */
import type { ListItem } from '../../clients/metal-api/metal-api';
import type { Machine, MachineIssue } from '../../model/machine';
import { machineFromObject } from './machine-object';
import { itemProblem } from './read-list';

type Read = { readonly machine: Machine } | { readonly problem: string };

export class MachineList {
  /** What was read from each item of the last answer, by its key. */
  private reads = new Map<string, Read>();
  /** A machine with its issues joined, per machine as read: unchanged machine and issues, unchanged object. */
  private joined = new WeakMap<Machine, Machine>();
  private lastJoined: readonly Machine[] = [];

  /** Whether an item with this key was in the last answer (its text need not be decoded again). */
  readonly knows = (key: string): boolean => this.reads.has(key);

  /** `parse` gives an item's text as a value (only called for an item not in the last answer). */
  read(items: readonly ListItem[], parse: (text: string) => unknown): { machines: Machine[]; problems: string[] } {
    const reads = new Map<string, Read>();
    const machines: Machine[] = [];
    const problems: string[] = [];
    items.forEach((item, i) => {
      const r = reads.get(item.key) ?? this.reads.get(item.key) ?? readItem(item.text, parse, i);
      reads.set(item.key, r);
      if ('machine' in r) machines.push(r.machine);
      else problems.push(r.problem);
    });
    this.reads = reads;
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

function readItem(text: string | undefined, parse: (text: string) => unknown, i: number): Read {
  let raw: unknown;
  try {
    // Only an item whose key the list knew comes without its text; it was read above, so this is a broken promise.
    if (text === undefined) throw new Error('came without its text');
    raw = parse(text);
    return { machine: machineFromObject(raw) };
  } catch (error) {
    return { problem: itemProblem('machine', raw, i, error) };
  }
}

function sameIssues(a: readonly MachineIssue[], b: readonly MachineIssue[]): boolean {
  return a.length === b.length && a.every((x, i) => x.id === b[i]?.id && x.severity === b[i]?.severity && x.description === b[i]?.description && x.refUrl === b[i]?.refUrl);
}
