/** Structured mutation for the fuzz tests: every path of a JSON value, and a copy with one part replaced or renamed. */
import fc from 'fast-check';

export type Path = Array<string | number>;

export function paths(value: unknown, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) paths(v, [...at, Array.isArray(value) ? Number(k) : k], out);
  return out;
}

/** A copy with the value at `path` replaced, or (rename) its key changed; a key named `__proto__` stays a key. */
export function mutate(value: unknown, path: Path, replacement: unknown, rename?: string): unknown {
  if (path.length === 0) return replacement;
  if (typeof value !== 'object' || value === null) return value;
  const [head, ...rest] = path as [string | number, ...Path];
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? mutate(v, rest, replacement, rename) : v));
  const out: Record<string, unknown> = Object.create(null);
  for (const [k, v] of Object.entries(value)) {
    const key = k === head && rest.length === 0 && rename !== undefined ? rename : k;
    Object.defineProperty(out, key, { value: k === head && (rest.length > 0 || rename === undefined) ? mutate(v, rest, replacement, rename) : v, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** `base` with 1–`max` random parts replaced by `values` or renamed to `names`. */
export function mutated(base: unknown, values: fc.Arbitrary<unknown>, names: fc.Arbitrary<string>, max = 5): fc.Arbitrary<unknown> {
  const all = paths(base);
  return fc.array(fc.tuple(fc.nat(), values, fc.option(names, { nil: undefined })), { minLength: 1, maxLength: max }).map((edits) => {
    let v = base;
    for (const [i, replacement, rename] of edits) v = mutate(v, all[i % all.length] as Path, replacement, rename);
    return v;
  });
}
