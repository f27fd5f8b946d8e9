/**
 * A small seeded PRNG (mulberry32). The simulator draws every random number from one of these so that the same
 * seed, start and advance sequence always give the same rack; Math.random() is never used.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** Uniform float in [min, max). */
  range(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** n characters drawn from alphabet, e.g. for opaque ids. */
  chars(n: number, alphabet: string): string;
}

export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    range: (min, max) => min + next() * (max - min),
    pick<T>(items: readonly T[]): T {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error('rng.pick on an empty list');
      return item;
    },
    chars(n, alphabet) {
      // One draw gives 32 bits; spend them 6 at a time to keep id generation cheap at scale.
      const codes = new Array<number>(n);
      let bits = 0;
      let pool = 0;
      for (let i = 0; i < n; i++) {
        if (bits < 6) {
          pool = Math.floor(next() * 4294967296);
          bits = 32;
        }
        codes[i] = alphabet.charCodeAt((pool & 63) % alphabet.length);
        pool >>>= 6;
        bits -= 6;
      }
      return String.fromCharCode(...codes);
    },
  };
}
