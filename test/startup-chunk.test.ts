/**
 * The start-up path loads only what the first frame needs (issue 15). The bundle is built as scripts/build.mjs
 * builds it (in memory), and the code a command loads before it runs is followed through its chunks' static
 * imports: the entry, then the command's chunk. The SSH, Kubernetes, S3 and HTTP clients, the process runner,
 * the YAML parser, zod and the wizards' runbooks, runner and drills must not be on it: they are imported on first use.
 */
import { join } from 'node:path';
import { type BuildOptions, build, type Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

/** What the first frame must not load: external packages, and bundled modules by path. */
// node:crypto too: loading it (twenty internal modules) cost the first frame ~3 ms; the clients and journals use it.
const CLIENT_PACKAGES = ['node-ssh', 'ssh2', 'cpu-features', '@kubernetes/client-node', 'undici', '@aws-sdk/client-s3', 'node:crypto', 'crypto'];
const LATER: ReadonlyArray<readonly [string, RegExp]> = [
  // The clients; their error types stay, the sources tell failures apart by them.
  ['SSH client', /^src\/clients\/ssh\/(?!errors\.ts$|types\.ts$)/],
  ['Kubernetes client', /^src\/clients\/kube\/(?!kube-error\.ts$)/],
  ['S3 client', /^src\/clients\/s3\/(?!s3-error\.ts$)/],
  ['metal-api HTTP client', /^src\/clients\/metal-api\/(?!metal-api-error\.ts$)/],
  ['HTTP client with its own CA', /^src\/clients\/fetch-with-ca\.ts$/],
  ['process runner', /^src\/clients\/process\//],
  ['execa', /node_modules\/execa\//],
  ['YAML parser', /node_modules\/yaml\//],
  // The wizards: what runs them, not the screen that shows one.
  ['wizard runner', /^src\/wizards\/engine\/(runner|run-step|run-actions|journal|durable|lock)\.ts$/],
  ['runbooks', /^src\/wizards\/runbooks\/(?!scenario(-facts)?\.ts$)/],
  ['drills', /^src\/wizards\/drill\//],
  ['real executor', /^src\/wizards\/real-executor\//],
  ['simulated executor', /^src\/wizards\/sim-adapter\/sim-executor\.ts$/],
  ['TUI wizard runs', /^commands\/wizard\/tui-wizard-runs\.ts$/],
  // The simulated rack: its source loads the simulation on the first poll (deferred-sim-source.ts); the scenario
  // names of the ! menu and the poll interval are all the first frame reads of it.
  ['simulation', /^src\/sim\/(?!scenarios\.ts$|timing\.ts$)|^src\/sources\/sim-source\.ts$/],
  // A real rack's sources: their output schemas cost the simulated rack's first frame (zod schema construction).
  ['real rack sources', /^commands\/real-sources\.ts$|^src\/sources\/(ssh|kube|metal-api|s3)\//],
  // zod and the schemas: a start without a config file and with plainly valid flags needs none (plain-layers.ts),
  // nor does the incident log without a file (incident-file.ts); building them cost the first frame ~15 ms.
  ['config schema', /^src\/config\/(schema|validate|env-layers|flags|config-error|kubernetes|metal-api|metalctl|[a-z-]+-schema)\.ts$/],
  ['zod', /node_modules\/zod\//],
];
const UI_PACKAGES = /node_modules\/(ink|react|react-reconciler|yoga-layout)\//;

let outputs: Metafile['outputs'];

beforeAll(async () => {
  const { buildOptions } = (await import(join(ROOT, 'scripts', 'build-options.mjs'))) as { buildOptions: BuildOptions };
  const result = await build({ ...buildOptions, absWorkingDir: ROOT, write: false, metafile: true, logLevel: 'silent' });
  outputs = result.metafile.outputs;
}, 60_000);

/** The outputs loaded before `command` runs: the entry, and the chunk holding `command` with their static imports. */
function startupPath(command?: string): { inputs: string[]; externals: string[] } {
  const entry = Object.keys(outputs).find((o) => outputs[o]?.entryPoint === 'cli.ts');
  const chunk = command ? Object.keys(outputs).find((o) => outputs[o]?.inputs[command]) : undefined;
  if (!entry || (command && !chunk)) throw new Error(`no output for ${entry ? command : 'cli.ts'}`);
  const seen = new Set<string>();
  const externals = new Set<string>();
  const todo = [entry, ...(chunk ? [chunk] : [])];
  for (let o = todo.pop(); o !== undefined; o = todo.pop()) {
    if (seen.has(o)) continue;
    seen.add(o);
    for (const im of outputs[o]?.imports ?? []) {
      if (im.kind !== 'import-statement') continue;
      if (im.external) externals.add(im.path);
      else todo.push(im.path);
    }
  }
  return { inputs: [...seen].flatMap((o) => Object.keys(outputs[o]?.inputs ?? {})), externals: [...externals] };
}

function loadedTooEarly(path: { inputs: string[]; externals: string[] }): string[] {
  const packages = path.externals.filter((e) => CLIENT_PACKAGES.some((p) => e === p || e.startsWith(`${p}/`)));
  const modules = path.inputs.flatMap((input) => LATER.filter(([, pattern]) => pattern.test(input)).map(([what]) => `${what}: ${input}`));
  return [...packages, ...modules];
}

describe('start-up loads only what the first frame needs', () => {
  it('the TUI (entry and its chunk) imports no client, YAML parser or wizard runner', () => {
    const path = startupPath('commands/tui.tsx');
    // The check itself works: the TUI's path has its views and the store.
    expect(path.inputs).toContain('views/App.tsx');
    expect(path.inputs).toContain('src/store/rack-store.ts');
    expect(loadedTooEarly(path)).toEqual([]);
  });

  it('status imports no client, no YAML parser and no React or Ink', () => {
    const path = startupPath('commands/status.ts');
    expect(path.inputs).toContain('commands/status.ts');
    expect(loadedTooEarly(path)).toEqual([]);
    expect(path.inputs.filter((i) => UI_PACKAGES.test(i))).toEqual([]);
  });

  it('--version loads the entry alone: no command, no React', () => {
    const path = startupPath();
    expect(path.inputs.filter((i) => i.startsWith('commands/') && i !== 'commands/main.ts' && i !== 'commands/io.ts')).toEqual([]);
    expect(path.inputs.filter((i) => UI_PACKAGES.test(i) || /node_modules\/zod\//.test(i))).toEqual([]);
  });

  it('what is left out is still in the bundle, as chunks of its own (loaded on first use)', () => {
    const all = Object.values(outputs).flatMap((o) => Object.keys(o.inputs));
    for (const input of ['src/clients/ssh/ssh-pool.ts', 'src/clients/kube/kube-api.ts', 'src/clients/s3/s3-store.ts', 'commands/wizard/tui-wizard-runs.ts']) {
      expect(all).toContain(input);
    }
  });
});
