import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { matchesOnly, type CheckResult } from '../../report/types.js';
import type { ResultsDocument } from '../../report/write.js';
import { UsageError } from '../../util/errors.js';
import { writableFolder, writableTemp } from '../../util/output-folder.js';
import type { Catalogue } from '../../vendors/catalogue.js';
import type { VendorId } from '../../vendors/types.js';
import { jsonOption, MAX_RUNS, nothingSelected, positiveInteger, seedOption, vendorOption } from '../options.js';
import { mark, pc, printJson, type Output } from '../output.js';
import { printResult } from '../results.js';

export function conformanceCommand(output: Output, catalogue: Catalogue): Command {
  return new Command('conformance')
    .summary('the main job: every check that needs no outside service, for all five vendors')
    .description(
      'For each vendor: the doc fixtures against the schemas, the property suites in quick mode, the contracts (pacts\n' +
        'regenerated and compared with the committed ones), verify against the bundled sandbox, and check-client on the\n' +
        'reference client (verify and check-client run once for all vendors, beside the other steps). Writes junit.xml,\n' +
        'results.json and index.html to the reports folder.\n' +
        'Exit 0 when everything conforms, 1 otherwise.',
    )
    .addOption(vendorOption(catalogue))
    .addOption(new Option('--runs <n>', 'fast-check runs per property (quick mode)').argParser(positiveInteger('--runs', MAX_RUNS)).env('FC_NUM_RUNS').default(50))
    .addOption(new Option('--seed <n>', 'fast-check seed').argParser(seedOption()).env('FC_SEED').default(20261123))
    .addOption(new Option('--reports <dir>', 'where to write the reports').default('reports'))
    .addOption(new Option('--verbose', 'list every check, not only failures'))
    .addOption(new Option('--only <pattern>', 'keep only the checks whose name contains this (any case)'))
    .addOption(new Option('--strict', 'fail on warnings too (beyond the docs: undocumented fields, drift)'))
    .addOption(jsonOption())
    .action(async (options: { vendor?: VendorId; runs: number; seed: number; reports: string; verbose?: boolean; json?: boolean; strict?: boolean; only?: string }) => {
      const startedAt = new Date();
      writableFolder('--reports', options.reports);
      writableTemp();
      const { runConformance } = await import('../../conformance/index.js');
      const { progressDisplay } = await import('../progress.js');
      const progress = progressDisplay(output, { quiet: options.json ?? false });
      const vendors = options.vendor ? [options.vendor] : catalogue.ids;
      const { interruptedBy, onInterrupt } = await import('../../util/interrupt.js');
      const soFar: CheckResult[] = [];
      // A step that could not run is reported whatever --only says: it is why its checks are missing.
      const kept = (r: CheckResult) => matchesOnly(r.name, options.only) || r.name.endsWith(' could not run');
      // Ctrl-C: the results so far become the reports, marked interrupted.
      const stopCleanup = onInterrupt(async (signal) => {
        progress.done();
        await writeReports(catalogue, resolve(options.reports), 'conformance', startedAt, soFar, signal, options.seed);
      });
      const results = await runConformance({
        catalogue,
        vendors,
        numRuns: options.runs,
        seed: options.seed,
        strict: options.strict ?? false,
        ...(options.only ? { only: options.only } : {}),
        onStepStart: (p) => progress.start(`${p.vendor} · ${p.step} (${p.index}/${p.total})`),
        onStepEnd: (p, all, durationMs) => {
          const stepResults = all.filter(kept);
          soFar.push(...stepResults);
          const failed = stepResults.filter((r) => r.status === 'failed');
          const skipped = stepResults.filter((r) => r.status === 'skipped');
          const took = p.sharedBy ? `${durationMs} ms, one run for ${p.sharedBy} vendors` : `${durationMs} ms`;
          const line = `${p.vendor.padEnd(10)} ${p.step.padEnd(13)} ${stepResults.length - failed.length - skipped.length}/${stepResults.length} passed${skipped.length ? `, ${skipped.length} skipped` : ''}  ${pc.dim(took)}`;
          progress.stop(failed.length === 0, line);
          if (!options.json) for (const result of stepResults) if (result.status === 'failed' || result.status === 'warning' || options.verbose) printResult(output, result);
        },
      });
      // Interrupted: the signal's handler writes the reports marked so, and ends the process.
      if (interruptedBy()) return;
      stopCleanup();
      progress.done();
      if (options.only && !results.some((r) => matchesOnly(r.name, options.only))) throw nothingSelected('conformance', options.only);
      const document = await writeReports(catalogue, resolve(options.reports), 'conformance', startedAt, results.filter(kept), undefined, options.seed);
      if (options.json) printJson(output, document);
      else {
        printSummaryTable(output, vendors, results);
        output.out(`${document.summary.failed === 0 ? mark.pass : mark.fail} ${document.summary.passed} passed, ${document.summary.warnings} warnings, ${document.summary.failed} failed, ${document.summary.skipped} skipped in ${(document.durationMs / 1000).toFixed(1)} s`);
        output.out(`reports: ${join(options.reports, 'index.html')}, junit.xml, results.json`);
      }
      process.exitCode = document.summary.failed === 0 ? 0 : 1;
    });
}

export function reportCommand(output: Output, catalogue: Catalogue): Command {
  return new Command('report')
    .summary('(re)render reports/ from the last results')
    .description('Render junit.xml and index.html again from results.json in the reports folder. Exit 0 when its results hold no\nfailure and the run was not interrupted, 1 otherwise, 2 when results.json is missing or not a results document.')
    .addOption(new Option('--reports <dir>', 'the reports folder').default('reports'))
    .addOption(jsonOption())
    .action(async (options: { reports: string; json?: boolean }) => {
      const file = join(resolve(options.reports), 'results.json');
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
        throw new UsageError(missing ? `no results to render: ${file} does not exist (run \`destconf conformance\` first)` : `cannot read ${file}: ${(error as Error).message}`);
      }
      const { junitXml, parseResultsDocument, writeReportFiles } = await import('../../report/write.js');
      const document = parseResultsDocument(text);
      if (typeof document === 'string') throw new UsageError(`${file} is not a results document: ${document}`);
      const { renderHtml } = await import('../../report/html.js');
      const written = writeReportFiles(resolve(options.reports), { 'junit.xml': junitXml(document.results), 'index.html': renderHtml(document, catalogue.definitions) });
      if (options.json) printJson(output, { written, summary: document.summary, ...(document.interrupted ? { interrupted: document.interrupted } : {}) });
      else {
        for (const path of written) output.out(`wrote ${path}`);
        if (document.interrupted) output.out(`the run was interrupted (${document.interrupted}): these are the results so far, not a verdict`);
      }
      // An interrupted run is no verdict, so never a success.
      process.exitCode = document.summary.failed === 0 && !document.interrupted ? 0 : 1;
    });
}

async function writeReports(catalogue: Catalogue, dir: string, command: string, startedAt: Date, results: CheckResult[], interrupted?: string, seed?: number): Promise<ResultsDocument> {
  const { junitXml, resultsDocument, runContext, writeReportFiles } = await import('../../report/write.js');
  const { renderHtml } = await import('../../report/html.js');
  const document = resultsDocument(command, startedAt, results, interrupted, runContext(seed === undefined ? {} : { seed }));
  writeReportFiles(dir, { 'results.json': `${JSON.stringify(document, null, 2)}\n`, 'junit.xml': junitXml(results), 'index.html': renderHtml(document, catalogue.definitions) });
  return document;
}

function printSummaryTable(output: Output, vendors: readonly VendorId[], results: readonly CheckResult[]): void {
  const steps = ['fixtures', 'properties', 'contracts', 'verify', 'check-client'] as const;
  output.out('');
  output.out(`${'vendor'.padEnd(11)}${steps.map((s) => s.padEnd(14)).join('')}`);
  for (const vendor of vendors) {
    const cells = steps.map((step) => {
      const checks = results.filter((r) => r.vendor === vendor && r.step === step);
      const failed = checks.filter((c) => c.status === 'failed').length;
      const text = `${failed === 0 ? '✓' : '✗'} ${checks.length - failed}/${checks.length}`;
      return (failed === 0 ? pc.green : pc.red)(text.padEnd(14));
    });
    output.out(`${vendor.padEnd(11)}${cells.join('')}`);
  }
  output.out('');
}
