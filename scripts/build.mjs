// Bundles the CLI into dist/destconf.mjs so that `bin/destconf` starts in plain Node with no
// TypeScript loader (cold start matters: the CLI runs once per file in CI loops), and the library
// into dist/index.mjs for `import … from 'destination-contracts'`. With --types (the `prepack`
// script, so every published package has them) it also writes the .d.ts files to dist/types.
// Runs on `npm ci` through the `prepare` script.
//
// The bundle carries its dependencies (but the Pact core, whose native library is found beside its own
// files): every corpus case and CI loop starts the CLI, often twice (check-client's adapter process, verify's
// verifier), and Node resolves, reads and compiles each file of a package on its own (ramda, under pact-js's
// matchers, is some 300). Bundled, a check-client run takes about a sixth less CPU. The arbitraries the library
// hands out are the bundled fast-check's; fast-check takes any object with its Arbitrary methods as one.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { build } from 'esbuild';

rmSync('dist', { recursive: true, force: true });

await build({
  // One build: the library and the CLI share their chunks, so that a vendor plugin built against the library
  // (DESTCONF_VENDORS) registers into the very registry the CLI reads.
  entryPoints: { destconf: 'src/cli/main.ts', index: 'src/index.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  // Each command loads its implementation on demand: `validate` never loads the Pact core.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // The Pact core loads its native library from its own folder; tsx (TypeScript adapters) registers loader hooks by path.
  external: ['@pact-foundation/pact-core', 'tsx'],
  sourcemap: 'linked',
  logLevel: 'warning',
  define: { 'process.env.DESTCONF_CLI_BUNDLE': '"1"' },
  banner: {
    // The generated validators and the bundled CommonJS packages need a `require` in the ESM bundle.
    js: "import { createRequire as __destconfCreateRequire } from 'node:module'; const require = __destconfCreateRequire(import.meta.url);",
  },
});

if (process.argv.includes('--types')) {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.types.json'], { stdio: 'inherit' });
}
