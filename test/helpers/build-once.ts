import { execFileSync } from 'node:child_process';

/** vitest global setup: bundle dist/rackpilot.js so end-to-end tests run the program users run. */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}
