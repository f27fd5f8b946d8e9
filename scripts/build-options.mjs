// The esbuild options of the CLI bundle, shared by scripts/build.mjs and the test that keeps the start-up chunk free
// of what the first frame does not need (test/startup-chunk.test.ts).
import { readFileSync } from 'node:fs';
import { bundlePatches } from './bundle-patches.mjs';

/** Ink imports react-devtools-core only for DEV=true debugging; it is not installed, so bundle an empty stub. */
const stubDevtools = {
  name: 'stub-react-devtools',
  setup(b) {
    b.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'react-devtools-core', namespace: 'stub' }));
    b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'export default { initialize() {}, connectToDevTools() {} };' }));
  },
};

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/** Where the chunks go, below the output folder; removed before each build so no stale chunk is left. */
export const CHUNK_DIR = 'chunks';

export const buildOptions = {
  // dist/rackpilot.js is the entry bin/rackpilot imports.
  entryPoints: { rackpilot: 'cli.ts' },
  outdir: 'dist',
  // Every import() becomes a chunk of its own, loaded when first used: `--version` and `status` load no React,
  // the TUI's first frame loads no wizard, SSH, Kubernetes, S3 or HTTP client code. Without splitting esbuild
  // inlines dynamically imported modules into the one file, and start-up reads and compiles all of it.
  splitting: true,
  chunkNames: `${CHUNK_DIR}/[name]-[hash]`,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [stubDevtools, bundlePatches],
  // The SSH client is loaded with import() on the first real switch connect, so the simulated rack never pays for
  // it; ssh2 also carries optional native addons (.node) that cannot be bundled. The Kubernetes client (and its HTTP
  // library) likewise, on the first kube request: large, and needed only on a rack with kubernetes: configured.
  // The S3 SDK too, on a backup source's first poll (backups:). Resolved from node_modules.
  external: ['node-ssh', 'ssh2', 'cpu-features', '@kubernetes/client-node', 'undici', '@aws-sdk/client-s3'],
  // Some bundled dependencies are CommonJS and call require(); give them one in the ESM bundle (in every chunk).
  banner: { js: "import { createRequire as __rpCreateRequire } from 'node:module'; const require = __rpCreateRequire(import.meta.url);" },
  // React and its reconciler ship development builds (extra checks, component stacks, warnings) behind this check;
  // left to run time the bundle carries both builds and runs the slow one. Fixed here, the development code drops out.
  define: { __RACKPILOT_VERSION__: JSON.stringify(version), 'process.env.NODE_ENV': '"production"' },
};
