// Bundles the CLI into dist/destconf.mjs so that `bin/destconf` starts in plain Node with no
// TypeScript loader (cold start matters: the CLI runs once per file in CI loops), and the library
// into dist/index.mjs for `import … from 'destination-contracts'`. With --types (the `prepack`
// script, so every published package has them) it also writes the .d.ts files to dist/types.
// Runs on `npm ci` through the `prepare` script; dependencies stay external.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { build } from 'esbuild';

rmSync('dist', { recursive: true, force: true });

await build({
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
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
  define: { 'process.env.DESTCONF_CLI_BUNDLE': '"1"' },
  banner: {
    // The generated validators are CommonJS; give the ESM bundle a `require` for them.
    js: "import { createRequire as __destconfCreateRequire } from 'node:module'; const require = __destconfCreateRequire(import.meta.url);",
  },
});

if (process.argv.includes('--types')) {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.types.json'], { stdio: 'inherit' });
}
