/**
 * The boundary for data from outside: every string in a source's answer (values of model objects, at any depth)
 * goes through visibleText, so the store never holds text that can drive a terminal, and panes, `status` and
 * `--json` can print what they get. Objects and lists whose strings were all clean come back as the same objects,
 * so the views' memoised rows stay valid and a clean answer costs one walk and no copies.
 *
 * Model objects are immutable (a source that changes something returns a new object; the store's "same object,
 * nothing to redraw" rests on that too), so each object is walked once: a new list of 10,000 machines of which one
 * changed costs 10,000 lookups and one walk, not a walk of every event of every machine (~80 ms).
 */
import { visibleText } from './visible-text';

/** Longest text a single field of the model keeps (a hostname, a description, an error message). */
export const MAX_FIELD_TEXT = 1000;

export function visibleData<T>(value: T, max = MAX_FIELD_TEXT): T {
  return walk(value, max, 0) as T;
}

/** Objects already walked (with the default limit) → their visible version. Weak: gone with the objects. */
const walked = new WeakMap<object, unknown>();
const CACHED_DEPTH = 2;

// Model data is a few levels deep; anything deeper is not model data and is left to fail validation upstream.
const MAX_DEPTH = 64;

function walk(value: unknown, max: number, depth: number, item = false): unknown {
  if (typeof value === 'string') return visibleText(value, max);
  if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) return value;
  // The top levels (a domain, its list, the items in it) and lists at any depth are remembered: a WeakMap entry
  // for every nested event would cost more than walking it again, but a list is one entry for all its items. An
  // item's own fields (a machine's allocation, a link's ends) are not: they were 76,000 of the 90,000 entries at
  // 10,000 machines (the table 4.2 MB), and an item met again is found whole before its fields are reached. A
  // switch whose lastSeen moved is a new object around the same list of sessions; walking the 30,000 sessions of
  // 1,252 such switches again was most of the admit's garbage at 10,000 machines. A list of plain values (address
  // families, addresses) is not: walking its few strings again costs less than a WeakMap entry for each such list.
  const cache = max === MAX_FIELD_TEXT && (depth <= 1 || (item && depth <= CACHED_DEPTH) || listOfObjects(value)) ? walked : undefined;
  const known = cache?.get(value);
  if (known !== undefined) return known;
  const safe = walkObject(value, max, depth);
  cache?.set(value, safe);
  return safe;
}

function listOfObjects(value: object): boolean {
  if (!Array.isArray(value)) return false;
  const first: unknown = value[0];
  return typeof first === 'object' && first !== null;
}

function walkObject(value: object, max: number, depth: number): unknown {
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      const safe = walk(item, max, depth + 1, true);
      if (safe !== item) {
        copy ??= value.slice();
        copy[i] = safe;
      }
    }
    return copy ?? value;
  }
  if (value instanceof Map) return walkMap(value, max, depth);
  // Model objects are plain; class instances (Dates) have no text of their own to clean.
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  let copy: Record<string, unknown> | undefined;
  // for-in over own keys, not Object.keys: no array of keys per object (23 MB of garbage in the first admit of the
  // 10,000-machine rack); a plain object has nothing enumerable on its prototype.
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const item = (value as Record<string, unknown>)[key];
    const safe = walk(item, max, depth + 1);
    if (safe !== item) {
      copy ??= copyOf(value as Record<string, unknown>);
      copy[key] = safe;
    }
  }
  return copy ?? value;
}

/** A shallow copy that keeps a key named `__proto__` as data (a plain `{...value}` would too, but assigning to it would not). */
function copyOf(value: Record<string, unknown>): Record<string, unknown> {
  const out = Object.create(Object.getPrototypeOf(value)) as Record<string, unknown>;
  for (const key of Object.keys(value)) Object.defineProperty(out, key, { value: value[key], enumerable: true, writable: true, configurable: true });
  return out;
}

function walkMap(map: Map<unknown, unknown>, max: number, depth: number): Map<unknown, unknown> {
  let changed = false;
  const entries = [...map].map(([k, v]) => {
    const sk = walk(k, max, depth + 1);
    const sv = walk(v, max, depth + 1);
    if (sk !== k || sv !== v) changed = true;
    return [sk, sv] as const;
  });
  return changed ? new Map(entries) : map;
}
