import { describeError } from '../../errors';
import { unexpected } from '../output-shape';

/**
 * An answer that must be a list of objects, each mapped on its own: one that cannot be read is named (by its id
 * where it has one) and the others kept, so a single odd machine or switch does not blank the pane.
 */
export function readList<T>(answer: unknown, what: string, map: (raw: unknown) => T): { items: T[]; problems: string[] } {
  if (!Array.isArray(answer)) throw unexpected([], `is not a list of ${what}s`);
  const items: T[] = [];
  const problems: string[] = [];
  answer.forEach((raw, i) => {
    try {
      items.push(map(raw));
    } catch (error) {
      problems.push(itemProblem(what, raw, i, error));
    }
  });
  return { items, problems };
}

/** "machine m4: <why>" for an item that could not be read, by its id where it has one, else by its place. */
export function itemProblem(what: string, raw: unknown, i: number, error: unknown): string {
  const id = typeof raw === 'object' && raw !== null && 'id' in raw ? String(raw.id) : `[${i}]`;
  return `${what} ${id}: ${describeError(error)}`;
}

/** "5 machines could not be read: …; …; 3 more" for the source's error line. */
export function unreadable(problems: readonly string[], what: string): string {
  const more = problems.length > 2 ? `; ${problems.length - 2} more` : '';
  const noun = problems.length === 1 ? what : what.endsWith('ch') ? `${what}es` : `${what}s`;
  return `${problems.length} ${noun} could not be read: ${problems.slice(0, 2).join('; ')}${more}`;
}
