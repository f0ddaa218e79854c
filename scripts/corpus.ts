// `npm run corpus [-- FILTER…] [--jobs N]`: runs the independent corpus (../shared/corpus) through the CLI
// and prints each case that got the wrong verdict, with the checks it named; then the counts, and
// reports/corpus.json with every case. Exit 1 when any case got the wrong verdict, 2 for bad input.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { corpusCases, corpusRoot } from '../test/corpus/cases.js';
import { runCase, type CaseResult } from '../test/corpus/run.js';

const args = process.argv.slice(2);
const jobsAt = args.indexOf('--jobs');
const jobs = jobsAt >= 0 ? Number(args[jobsAt + 1]) : Math.max(2, availableParallelism() * 2);
if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) {
  process.stderr.write('corpus: --jobs takes a whole number from 1 to 64\n');
  process.exit(2);
}
const filters = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--jobs');
if (!existsSync(corpusRoot())) {
  process.stderr.write(`corpus: ${corpusRoot()} not found (the independent corpus lives in ../shared/corpus beside the checkout; DESTCONF_CORPUS names another place)\n`);
  process.exit(2);
}
const cases = corpusCases().filter((c) => filters.every((f) => c.id.includes(f)));
if (cases.length === 0) {
  process.stderr.write(`corpus: no case matches ${filters.join(' ')}\n`);
  process.exit(2);
}
process.stderr.write(`corpus: ${cases.length} cases from ${corpusRoot()}, ${jobs} at a time\n`);

// Every temporary file of the run (the cases' scratch folders, and the CLI's own) goes into one folder, removed however
// the run ends: a Ctrl-C used to leave a scratch folder per running case behind. Interrupted, no new case starts and the
// running ones end first (their CLI processes got the signal too), so that nothing is still writing into the folder;
// a second signal does not wait.
const scratchRoot = mkdtempSync(join(tmpdir(), 'destconf-corpus-'));
process.env.TMPDIR = scratchRoot;
process.on('exit', () => rmSync(scratchRoot, { recursive: true, force: true, maxRetries: 3 }));
let interruptedWith: number | undefined;
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  process.on(signal, () => {
    if (interruptedWith !== undefined) process.exit(code);
    interruptedWith = code;
    process.stderr.write(`\ncorpus: ${signal}: no new case starts; waiting for the running ones to end\n`);
  });
}

const results: CaseResult[] = [];
let next = 0;
async function worker() {
  while (interruptedWith === undefined && next < cases.length) {
    const c = cases[next++]!;
    const r = await runCase(c);
    // A case cut short by the interrupt has no verdict: neither counted nor printed as wrong.
    if (interruptedWith !== undefined) continue;
    results.push(r);
    if (!r.ok) process.stdout.write(`WRONG ${r.id}: expected ${r.expect}, exit ${r.exitCodes.join('/')}\n    ${r.findings.join('\n    ')}\n`);
    else process.stderr.write('.');
  }
}
await Promise.all(Array.from({ length: jobs }, worker));
if (interruptedWith !== undefined) {
  process.stderr.write(`corpus: interrupted after ${results.length} of ${cases.length} cases; no verdict\n`);
  process.exit(interruptedWith);
}
const wrong = results.filter((r) => !r.ok);
mkdirSync('reports', { recursive: true });
writeFileSync('reports/corpus.json', JSON.stringify(results.sort((a, b) => a.id.localeCompare(b.id)), null, 2));
// The plain closing line CI systems read: a case passes when it got the verdict the corpus wants.
process.stdout.write(`\ncorpus: ${results.length - wrong.length} passed, ${wrong.length} failed\n`);
process.exit(wrong.length ? 1 : 0);
