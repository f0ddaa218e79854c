import { readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { makeScratchDir } from '../../util/scratch.js';
import { writableFolder, writableTemp } from '../../util/output-folder.js';
import { Command, Option } from 'commander';
import type { InteractionOutcome } from '../../contracts/client.js';
import { fromRoot } from '../../util/paths.js';
import type { Catalogue } from '../../vendors/catalogue.js';
import type { VendorId } from '../../vendors/types.js';
import { jsonOption, vendorOption } from '../options.js';
import { mark, printJson, type Output } from '../output.js';

export function contractsCommand(output: Output, catalogue: Catalogue): Command {
  return new Command('contracts')
    .summary('run the consumer contract tests and (re)write contracts/pacts/')
    .description(
      'Drive the reference client through every contract interaction on the Pact mock server (official Pact core)\n' +
        'and write one Pact V4 file per provider. Exit 0 when every interaction passes, 1 otherwise.\n' +
        'The consumer name is DESTCONF_CONSUMER_NAME, or destination-contracts.',
    )
    .addOption(vendorOption(catalogue))
    .addOption(new Option('--out <dir>', 'where to write the pact files').default(fromRoot('contracts/pacts'), 'contracts/pacts'))
    .addOption(jsonOption())
    .action(async (options: { vendor?: VendorId; out: string; json?: boolean }) => {
      const { consumerName } = await import('../../contracts/index.js');
      const consumer = consumerName();
      const out = writableFolder('--out', options.out);
      writableTemp();
      // Built aside, swapped in only when every pact is complete: an interrupt or a failing
      // interaction leaves the pacts in --out as they were, byte for byte.
      const scratch = makeScratchDir(out, '.destconf-building-');
      const building = scratch.path;
      try {
        const results = await runContracts(catalogue, options.vendor ? [options.vendor] : catalogue.ids, building, (outcome) => {
          if (!options.json) output.out(`${outcome.passed ? mark.pass : mark.fail} ${outcome.vendor}: ${outcome.description}${outcome.message ? `\n    ${outcome.message}` : ''}`);
        });
        const failed = results.filter((r) => !r.passed);
        if (failed.length === 0) for (const file of readdirSync(building)) renameSync(join(building, file), join(out, file));
        if (options.json) printJson(output, { consumer, out, written: failed.length === 0, results });
        else output.out(`${results.length - failed.length} passed, ${failed.length} failed; ${failed.length === 0 ? `pacts in ${out}` : `no pact written (the pacts in ${out} are left as they were)`}`);
        process.exitCode = failed.length === 0 ? 0 : 1;
      } finally {
        scratch.remove();
      }
    });
}

export async function runContracts(catalogue: Catalogue, vendors: readonly VendorId[], pactDir: string, onOutcome: (o: InteractionOutcome) => void = () => undefined): Promise<InteractionOutcome[]> {
  const { checkInteractionAgainstSchemas } = await import('../../contracts/client.js');
  const { runConsumerContract } = await import('../../contracts/runner.js');
  const { loadReferenceClients, referenceClientOf } = await import('../../contracts/reference-client.js');
  const clients = await loadReferenceClients();
  const results: InteractionOutcome[] = [];
  for (const vendor of vendors) {
    for (const interaction of catalogue.module(vendor).contract().interactions) {
      const problem = checkInteractionAgainstSchemas(catalogue.definition(vendor), interaction);
      if (problem) {
        const outcome = { vendor, description: `${interaction.description} (schemas)`, passed: false, message: problem, durationMs: 0 };
        results.push(outcome);
        onOutcome(outcome);
      }
    }
    for (const outcome of await runConsumerContract(catalogue.module(vendor), referenceClientOf(clients, vendor), { pactDir })) {
      results.push(outcome);
      onOutcome(outcome);
    }
  }
  return results;
}
