#!/usr/bin/env node
// `npm test`: the type check and the build (dist/, which the CLI tests and the corpus run), then the test
// suite (vitest) and the independent corpus (`npm run corpus`) side by side. Both are CPU-bound, and neither keeps 2 cores busy on its own (vitest waits on child
// processes and timeouts, the corpus on providers' answers): run together, the whole takes about the
// sum of their CPU over the cores rather than the sum of their times. The corpus's output is held back
// and printed after vitest's, so that neither interleaves the other. Exit 1 when any part fails.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Runs a command; `quiet` holds its output back and hands it over when it ends. */
function run(command, args, { quiet = false, env = process.env } = {}) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env, stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    let output = '';
    if (quiet) {
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
    }
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output, seconds: Math.round((Date.now() - started) / 1000) }));
  });
}

const runScript = (name, options) => run(npm, ['run', '--silent', name], options);

// Both are CPU-bound and independent: side by side. The build comes before the corpus, which runs the bundle
// (vitest's global setup would rebuild it while the corpus ran the old one); vitest is told it is fresh.
const [typecheck, build] = await Promise.all([runScript('typecheck'), run(process.execPath, ['scripts/build.mjs', '--types'])]);
if (typecheck.code !== 0 || build.code !== 0) process.exit(typecheck.code || build.code);
process.stderr.write('npm test: vitest and the corpus run side by side; the corpus reports after vitest\n');
const [suite, corpus] = await Promise.all([
  runScript('test:suite', { env: { ...process.env, DESTCONF_TEST_BUILT: '1' } }),
  runScript('corpus', { quiet: true }),
]);
process.stdout.write(`\n── corpus (npm run corpus) ──\n${corpus.output}`);
process.stdout.write(`\nnpm test: typecheck and build ${Math.max(typecheck.seconds, build.seconds)} s, vitest ${suite.seconds} s and the corpus ${corpus.seconds} s side by side\n`);
process.exit(suite.code !== 0 || corpus.code !== 0 ? 1 : 0);
