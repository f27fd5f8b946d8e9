/**
 * How a watched collection's read becomes a source's poll answer, for every kube source alike: the same data object
 * while nothing changed (nothing to redraw), a broken watch as stale with its reason (the data is the last good),
 * objects that could not be read named in the source's error while the others are shown.
 */
import type { PartialRackData } from '../../model/snapshot';
import { FailedRead, StaleRead } from '../source';
import type { CollectionRead } from './watched-collection';

export class PollAnswer<T, D extends PartialRackData> {
  private data?: D;
  private emptyData?: D;

  constructor(
    /** The domain data of the items: `{ shoots: [...] }`. */
    private readonly wrap: (items: readonly T[]) => D,
    /** What the items are, for the error: "shoot", "etcd". */
    private readonly noun: string,
  ) {}

  /** The data itself when the resource is not there at all (an optional CRD): nothing, and no error. */
  empty(): D {
    this.emptyData ??= this.wrap([]);
    this.data = this.emptyData;
    return this.data;
  }

  from(read: CollectionRead<T>): D {
    if (!read.unchanged || !this.data || this.data === this.emptyData) this.data = this.wrap(read.items);
    if (read.broken) throw new StaleRead(`watch broken: ${read.broken.message}`, this.data);
    if (read.problems.length > 0) throw new FailedRead(unreadable(this.noun, read.problems), this.data);
    return this.data;
  }
}

/** "2 shoot(s) could not be read: garden-p1/c1: …; garden-p1/c2: …" (the first two, and how many more). */
export function unreadable(noun: string, problems: readonly string[]): string {
  const more = problems.length > 2 ? `; ${problems.length - 2} more` : '';
  return `${problems.length} ${noun}(s) could not be read: ${problems.slice(0, 2).join('; ')}${more}`;
}
