// Bundles the CLI into dist/destconf.mjs so that `bin/destconf` starts in plain Node with no
// TypeScript loader (cold start matters: the CLI runs once per file in CI loops).
// Runs on `npm ci` through the `prepare` script; dependencies stay external.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/destconf.mjs',
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
