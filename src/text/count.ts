/**
 * "1 machine", "4 machines", "2 switches": a count said the way a person says it, never "4 machine(s)". `many`
 * for words that do not take a plain s.
 */
export function counted(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The word alone for a count: "control plane" or "control planes". */
export function noun(n: number, one: string, many = `${one}s`): string {
  return n === 1 ? one : many;
}
