import { resolve } from 'node:path';
import { UsageError } from '../../util/errors.js';
import { Command, Option } from 'commander';
import { userConsumerName } from '../consumer-name.js';
import { writableFolder, writableTemp } from '../../util/output-folder.js';
import type { VendorId } from '../../vendors/types.js';
import type { Catalogue } from '../../vendors/catalogue.js';
import { jsonOption, MAX_RUNS, MAX_TIMER_MS, nothingSelected, positiveInteger, seedOption, vendorOption } from '../options.js';
import { printJson, type Output } from '../output.js';
import { printResult, printSummary } from '../results.js';
import { exitCodeOf, type CheckResult } from '../../report/types.js';

/** Internal: the child process the adapter runs in (see src/client-check/worker.ts). */
export function checkClientWorkerCommand(catalogue: Catalogue): Command {
  return new Command('__check-client-worker').description('internal').action(async () => (await import('../../client-check/worker.js')).runCheckClientWorker(catalogue));
}

export function checkClientCommand(output: Output, catalogue: Catalogue): Command {
  return new Command('check-client')
    .summary('run the client conformance suite on an adapter')
    .description(
      'Drive your client (an adapter module, see the README) through the contract interactions on the Pact mock server,\n' +
        'generated requests, exact response pass-through and error statuses, for every vendor the adapter provides.\n' +
        'The adapter runs in a child process; what it prints is kept in adapter-output.txt (credentials masked).\n' +
        'Writes results.json, junit.xml and index.html to the reports folder (as conformance does).\n' +
        'Errors break a rule of the vendor page or HTTP; warnings go beyond the page and fail only with --strict.\n' +
        'Exit 0 when conformant, 1 when not, 2 for adapter errors.',
    )
    .requiredOption('--adapter <path>', 'ES module (.mjs, .js or .ts) whose default export maps vendor ids to client factories')
    .addOption(vendorOption(catalogue))
    .addOption(new Option('--timeout-ms <ms>', 'how long a client call may take before it fails').argParser(positiveInteger('--timeout-ms', MAX_TIMER_MS)).default(5000))
    .addOption(new Option('--load-timeout-ms <ms>', 'how long the adapter may take to load').argParser(positiveInteger('--load-timeout-ms', MAX_TIMER_MS)).default(30_000))
    .addOption(new Option('--runs <n>', 'generated inputs per vendor').argParser(positiveInteger('--runs', MAX_RUNS)).env('FC_NUM_RUNS').default(50))
    .addOption(new Option('--seed <n>', 'seed of the generated inputs').argParser(seedOption()).env('FC_SEED'))
    .addOption(new Option('--reports <dir>', 'where to write the reports').default('reports'))
    .addOption(new Option('--strict', 'fail on warnings too (requests beyond the docs, e.g. an undocumented body field)'))
    .addOption(new Option('--only <pattern>', 'run only the checks whose name contains this (any case); failures print the command'))
    .addOption(new Option('--pact-out <dir>', 'write the Pact V4 contracts of your client there (one per vendor), when the run passes'))
    .addOption(new Option('--consumer <name>', 'consumer name of those pacts (default: DESTCONF_CONSUMER_NAME, else "name" in ./package.json)'))
    .addOption(jsonOption())
    .action(async (options: { adapter: string; vendor?: VendorId; timeoutMs: number; loadTimeoutMs: number; runs: number; seed?: number; reports: string; json?: boolean; strict?: boolean; pactOut?: string; consumer?: string; only?: string }) => {
      const startedAt = new Date();
      const { checkClient } = await import('../../client-check/index.js');
      const { junitXml, resultsDocument, runContext, writeReportFiles } = await import('../../report/write.js');
      const context = runContext({ seed: options.seed ?? 20261123 });
      const { interruptedBy, onInterrupt } = await import('../../util/interrupt.js');
      const { renderHtml } = await import('../../report/html.js');
      // A pact is written only from a whole passing run: one made from part of the interactions would pass can-i-deploy for what was never driven.
      if (options.pactOut && options.only) throw new UsageError('--only cannot be used with --pact-out: the pact would hold only part of the interactions');
      // What the user named is checked before anything is created or run.
      const pactOut = options.pactOut ? { dir: resolve(options.pactOut), consumer: pactOutConsumer(options.consumer) } : undefined;
      writableFolder('--reports', options.reports);
      if (options.pactOut) writableFolder('--pact-out', options.pactOut);
      writableTemp();
      const soFar: CheckResult[] = [];
      const write = (results: CheckResult[], adapterOutput: string, interrupted?: string) => {
        const document = resultsDocument('check-client', startedAt, results, interrupted, context);
        // The adapter's own output never mixes with ours (--json stays parseable): it goes to the reports.
        writeReportFiles(resolve(options.reports), {
          'results.json': `${JSON.stringify({ ...document, adapterOutput }, null, 2)}\n`,
          'junit.xml': junitXml(results),
          'index.html': renderHtml(document, catalogue.definitions),
          'adapter-output.txt': adapterOutput,
        });
        return document;
      };
      // Ctrl-C: what was judged so far is written, marked interrupted.
      const stopCleanup = onInterrupt((signal) => void write(soFar, '', signal));
      const { results, adapterOutput, pacts } = await checkClient({
        catalogue,
        ...(pactOut ? { pactOut } : {}),
        ...(options.only ? { only: options.only } : {}),
        adapterPath: options.adapter,
        ...(options.vendor ? { vendor: options.vendor } : {}),
        timeoutMs: options.timeoutMs,
        loadTimeoutMs: options.loadTimeoutMs,
        runs: options.runs,
        ...(options.seed !== undefined ? { seed: options.seed } : {}),
        strict: options.strict ?? false,
        onResult: (result) => {
          soFar.push(result);
          if (!options.json) printResult(output, result);
        },
      });
      // Interrupted: the signal's handler writes the reports marked so, and ends the process.
      if (interruptedBy()) return;
      stopCleanup();
      if (options.only && results.length === 0) throw nothingSelected('check-client', options.only);
      const document = write(results, adapterOutput);
      if (options.json) printJson(output, { ...document, adapterOutput, ...(pactOut ? { pacts: { consumer: pactOut.consumer, written: pacts ?? [] } } : {}) });
      else {
        printSummary(output, results);
        if (pactOut) output.out(pacts && pacts.length > 0 ? `pacts of ${pactOut.consumer}: ${pacts.join(', ')}` : `no pact written to ${pactOut.dir}: the run did not pass`);
      }
      process.exitCode = exitCodeOf(results);
    });
}

function pactOutConsumer(given: string | undefined): string {
  const name = userConsumerName(given, '--consumer');
  if (!name) throw new UsageError('--pact-out needs a consumer name: pass --consumer, set DESTCONF_CONSUMER_NAME, or run where package.json has a "name"');
  return name;
}
