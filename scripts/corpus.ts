// `npm run corpus [-- FILTER…] [--jobs N]`: runs the independent corpus (../shared/corpus) through the CLI
// and prints each case that got the wrong verdict, with the checks it named; then the counts, and
// reports/corpus.json with every case. Exit 1 when any case got the wrong verdict, 2 for bad input.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
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

const results: CaseResult[] = [];
let next = 0;
async function worker() {
  while (next < cases.length) {
    const c = cases[next++]!;
    const r = await runCase(c);
    results.push(r);
    if (!r.ok) process.stdout.write(`WRONG ${r.id}: expected ${r.expect}, exit ${r.exitCodes.join('/')}\n    ${r.findings.join('\n    ')}\n`);
    else process.stderr.write('.');
  }
}
await Promise.all(Array.from({ length: jobs }, worker));
const wrong = results.filter((r) => !r.ok);
mkdirSync('reports', { recursive: true });
writeFileSync('reports/corpus.json', JSON.stringify(results.sort((a, b) => a.id.localeCompare(b.id)), null, 2));
// The plain closing line CI systems read: a case passes when it got the verdict the corpus wants.
process.stdout.write(`\ncorpus: ${results.length - wrong.length} passed, ${wrong.length} failed\n`);
process.exit(wrong.length ? 1 : 0);
