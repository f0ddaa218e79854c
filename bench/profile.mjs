#!/usr/bin/env node
// `npm run profile -- <destconf arguments>`: runs one destconf command under V8's CPU profiler and says where
// its time went, per process (the CLI, and the children it starts with its own Node flags: check-client's
// worker, verify's Pact verifier). Each process: its total, its idle share (waiting on the network or a child)
// and the files that took the most CPU, by self time. The .cpuprofile files stay in reports/profile/ for
// Chrome DevTools or speedscope. Issue 24 asks where the time goes before anything is made faster.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
if (args.length === 0 || args[0] === '--help') {
  process.stderr.write('usage: npm run profile -- <destconf command and options>   e.g. npm run profile -- check-client --adapter examples/reference-client/adapter.mjs --vendor redox\n');
  process.exit(args.length === 0 ? 2 : 0);
}
const out = resolve(root, 'reports', 'profile');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const started = performance.now();
const run = spawnSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${out}`, join(root, 'dist', 'destconf.mjs'), ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
const wallMs = performance.now() - started;

/** One profile: total and idle milliseconds, and CPU by file (self time), largest first. */
function summarise(file) {
  const profile = JSON.parse(readFileSync(join(out, file), 'utf8'));
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const byFile = new Map();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    total += delta;
    const { url, functionName } = nodes.get(id).callFrame;
    const where = (url || `(${functionName || 'native'})`).replace(/^file:\/\//, '').replace(`${root}`, '').replace(/.*node_modules\//, 'node_modules/');
    byFile.set(where, (byFile.get(where) ?? 0) + delta);
  });
  const idle = byFile.get('((idle))') ?? 0;
  byFile.delete('((idle))');
  const top = [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([where, us]) => ({ where, ms: Math.round(us / 1000) }));
  return { file, totalMs: Math.round(total / 1000), idleMs: Math.round(idle / 1000), busyMs: Math.round((total - idle) / 1000), top };
}

const processes = readdirSync(out).filter((f) => f.endsWith('.cpuprofile')).sort().map(summarise);
process.stdout.write(`destconf ${args.join(' ')}: exit ${run.status ?? run.signal}, ${Math.round(wallMs)} ms wall, ${processes.length} Node processes\n`);
for (const p of processes) {
  process.stdout.write(`\n${p.file}: ${p.totalMs} ms, of which busy ${p.busyMs} ms (idle ${p.idleMs} ms)\n`);
  for (const { where, ms } of p.top) process.stdout.write(`  ${String(ms).padStart(6)} ms  ${where}\n`);
}
process.stdout.write('\nNative work outside V8 (the Pact core\'s Rust threads, system calls) is not in these profiles; compare with /usr/bin/time.\n');
writeFileSync(join(out, 'summary.json'), JSON.stringify({ args, exit: run.status, wallMs: Math.round(wallMs), processes }, null, 2));
