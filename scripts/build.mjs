// Bundles the CLI into dist/destconf.mjs so that `bin/destconf` starts in plain Node with no
// TypeScript loader (cold start matters: the CLI runs once per file in CI loops).
// Runs on `npm ci` through the `prepare` script; dependencies stay external.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

rmSync('dist', { recursive: true, force: true });

await build({
  entryPoints: { destconf: 'src/cli/main.ts' },
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
