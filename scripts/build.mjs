// Bundles the CLI into ESM chunks (scripts/build-options.mjs): one entry with what every command needs, and one chunk
// per dynamically imported part, so start-up loads only what it uses instead of hundreds of modules.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { writeOutputs } from './write-outputs.mjs';
import { buildOptions, CHUNK_DIR } from './build-options.mjs';

rmSync(join(buildOptions.outdir, CHUNK_DIR), { recursive: true, force: true });
const { outputFiles } = await build({ ...buildOptions, write: false });
writeOutputs(outputFiles);
