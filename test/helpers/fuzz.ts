/**
 * Settings for the property-based (fuzz) tests: a fixed seed under CI so a red run can be repeated exactly, a new
 * one per local run so more inputs get tried over time; FUZZ_SEED repeats any run. fast-check prints the seed and
 * the shrunk input of a failure; the seed is also printed here once, up front.
 */
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : process.env.CI ? 20_261_130 : Math.floor(Math.random() * 2 ** 31);
let announced = false;

export function fuzzParams(numRuns = 300): { seed: number; numRuns: number } {
  if (!announced) {
    announced = true;
    console.info(`fuzz seed ${seed} (repeat with FUZZ_SEED=${seed})`);
  }
  return { seed, numRuns };
}
