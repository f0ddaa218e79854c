import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import type { VendorId } from '../../vendors/index.js';
import { jsonOption, MAX_TIMER_MS, positiveInteger, vendorOption } from '../options.js';
import { printJson, type Output } from '../output.js';
import { printResult, printSummary } from '../results.js';
import { exitCodeOf, type CheckResult } from '../../report/types.js';

/** Internal: the child process the adapter runs in (see src/client-check/worker.ts). */
export function checkClientWorkerCommand(): Command {
  return new Command('__check-client-worker').description('internal').action(async () => (await import('../../client-check/worker.js')).runCheckClientWorker());
}

export function checkClientCommand(output: Output): Command {
  return new Command('check-client')
    .summary('run the client conformance suite on an adapter')
    .description(
      'Drive your client (an adapter module, see the README) through the contract interactions on the Pact mock server,\n' +
        'generated requests, exact response pass-through and error statuses, for every vendor the adapter provides.\n' +
        'The adapter runs in a child process; what it prints is kept in check-client.adapter-output.txt (credentials masked).\n' +
        'Writes check-client.junit.xml and check-client.json to the reports folder.\n' +
        'Errors break a rule of the vendor page or HTTP; warnings go beyond the page and fail only with --strict.\n' +
        'Exit 0 when conformant, 1 when not, 2 for adapter errors.',
    )
    .requiredOption('--adapter <path>', 'ES module (.mjs, .js or .ts) whose default export maps vendor ids to client factories')
    .addOption(vendorOption())
    .addOption(new Option('--timeout-ms <ms>', 'how long a client call may take before it fails').argParser(positiveInteger('--timeout-ms', MAX_TIMER_MS)).default(5000))
    .addOption(new Option('--load-timeout-ms <ms>', 'how long the adapter may take to load').argParser(positiveInteger('--load-timeout-ms', MAX_TIMER_MS)).default(30_000))
    .addOption(new Option('--runs <n>', 'generated inputs per vendor').argParser(positiveInteger('--runs')).default(50))
    .addOption(new Option('--seed <n>', 'seed of the generated inputs (FC_SEED)').argParser(positiveInteger('--seed')).env('FC_SEED'))
    .addOption(new Option('--reports <dir>', 'where to write the reports').default('reports'))
    .addOption(new Option('--strict', 'fail on warnings too (requests beyond the docs, e.g. an undocumented body field)'))
    .addOption(jsonOption())
    .action(async (options: { adapter: string; vendor?: VendorId; timeoutMs: number; loadTimeoutMs: number; runs: number; seed?: number; reports: string; json?: boolean; strict?: boolean }) => {
      const startedAt = new Date();
      const { checkClient } = await import('../../client-check/index.js');
      const { junitXml, resultsDocument, writeReportFiles } = await import('../../report/write.js');
      const { onInterrupt } = await import('../../util/interrupt.js');
      const { renderHtml } = await import('../../report/html.js');
      const soFar: CheckResult[] = [];
      const write = (results: CheckResult[], adapterOutput: string, interrupted?: string) => {
        const document = resultsDocument('check-client', startedAt, results, interrupted);
        // The adapter's own output never mixes with ours (--json stays parseable): it goes to the reports.
        writeReportFiles(resolve(options.reports), {
          'check-client.junit.xml': junitXml(results),
          'check-client.json': `${JSON.stringify({ ...document, adapterOutput }, null, 2)}\n`,
          'check-client.adapter-output.txt': adapterOutput,
          'check-client.html': renderHtml(document),
        });
        return document;
      };
      // Ctrl-C: what was judged so far is written, marked interrupted.
      const stopCleanup = onInterrupt((signal) => void write(soFar, '', signal));
      const { results, adapterOutput } = await checkClient({
        adapterPath: options.adapter,
        ...(options.vendor ? { vendor: options.vendor } : {}),
        timeoutMs: options.timeoutMs,
        loadTimeoutMs: options.loadTimeoutMs,
        runs: options.runs,
        ...(options.seed ? { seed: options.seed } : {}),
        strict: options.strict ?? false,
        onResult: (result) => {
          soFar.push(result);
          if (!options.json) printResult(output, result);
        },
      });
      stopCleanup();
      const document = write(results, adapterOutput);
      if (options.json) printJson(output, { ...document, adapterOutput });
      else printSummary(output, results);
      process.exitCode = exitCodeOf(results);
    });
}
