/**
 * The machines of one answer, read item by item against the last answer: an item whose text equals an item of the
 * last answer keeps what was read from it then (the same Machine object, or the same problem). A poll in which 5 of
 * 1,700 machines moved on maps 5 machines, the store walks 5 (store/admit.ts) and the views keep the other rows.
 * Texts are compared at the same place first (1 ms for 1,700); only the items that differ there are looked up by
 * text among the last answer's unmatched ones, so a machine added or removed, or another order, costs a lookup
 * (hashing those texts, ~12 ms for all 1,700) and not a parse.
 */
import type { Machine, MachineIssue } from '../../model/machine';
import { machineFromObject } from './machine-object';
import { itemProblem } from './read-list';

type Read = { readonly machine: Machine } | { readonly problem: string };

export class MachineList {
  private texts: readonly string[] = [];
  private reads: readonly Read[] = [];
  /** A machine with its issues joined, per machine as read: unchanged machine and issues, unchanged object. */
  private joined = new WeakMap<Machine, Machine>();
  private lastJoined: readonly Machine[] = [];

  /** `texts[i]` is item i's JSON text; `parse(i)` gives the item as a value (only called for a changed item). */
  read(texts: readonly string[], parse: (i: number) => unknown): { machines: Machine[]; problems: string[] } {
    const before = this.texts;
    let moved: Map<string, Read> | undefined;
    const reads = texts.map((text, i) => {
      if (before[i] === text) return this.reads[i] as Read;
      moved ??= this.unmatched(texts);
      return moved.get(text) ?? readItem(() => parse(i), i);
    });
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

  /** The last answer's items whose place in `texts` holds another text, by text. */
  private unmatched(texts: readonly string[]): Map<string, Read> {
    const byText = new Map<string, Read>();
    this.texts.forEach((text, j) => {
      if (texts[j] !== text) byText.set(text, this.reads[j] as Read);
    });
    return byText;
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
    return { problem: itemProblem('machine', raw, i, error) };
  }
}

function sameIssues(a: readonly MachineIssue[], b: readonly MachineIssue[]): boolean {
  return a.length === b.length && a.every((x, i) => x.id === b[i]?.id && x.severity === b[i]?.severity && x.description === b[i]?.description && x.refUrl === b[i]?.refUrl);
}
