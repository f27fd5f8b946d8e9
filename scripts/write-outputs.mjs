// Writes a build's output files (esbuild with write: false): each JavaScript file with its top-level functions
// compiled eagerly (eager-functions.mjs) and in ASCII (ascii-output.mjs), the source maps as they are.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { asciiOnly } from './ascii-output.mjs';
import { eagerFunctions } from './eager-functions.mjs';

export function writeOutputs(outputFiles) {
  for (const file of outputFiles) {
    mkdirSync(dirname(file.path), { recursive: true });
    writeFileSync(file.path, file.path.endsWith('.js') ? asciiOnly(eagerFunctions(file.text)) : file.contents);
  }
}
