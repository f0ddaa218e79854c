import { Command, Option } from 'commander';
import type { SchemaKind, VendorId } from '../../vendors/index.js';
import { UsageError } from '../../util/errors.js';
import { jsonOption, vendorOption } from '../options.js';
import { mark, pc, printJson, type Output } from '../output.js';

const KINDS = ['request', 'response', 'path', 'query'] as const;

export function validateCommand(output: Output): Command {
  return new Command('validate')
    .summary('validate one JSON document against a vendor schema')
    .description(
      'Validate a request body, response body, path parameters or query parameters of a vendor\'s update endpoint.\n' +
        'Exit 0 when valid, 1 when invalid (each error is listed with its JSON pointer), 2 for bad input.',
    )
    .addOption(vendorOption('the vendor whose schema applies').makeOptionMandatory())
    .addOption(new Option('--kind <kind>', 'which document it is').choices(KINDS).default('request'))
    .addOption(jsonOption())
    .argument('<file>', 'a JSON file, or - for stdin')
    .action(async (file: string, options: { vendor: VendorId; kind: SchemaKind; json?: boolean }) => {
      const { readJsonDocument } = await import('../../util/json-input.js');
      const { drift, hasSchema, validate } = await import('../../validate/index.js');
      if (!hasSchema(options.vendor, options.kind)) {
        throw new UsageError(`${options.vendor} documents no ${options.kind} parameters`);
      }
      const document = await readJsonDocument(file);
      const result = validate(options.vendor, options.kind, document);
      const undocumented = options.kind === 'response' ? drift(options.vendor, document) : [];
      const source = file === '-' ? 'stdin' : file;
      if (options.json) {
        printJson(output, { vendor: options.vendor, kind: options.kind, source, ...result, drift: undocumented });
      } else if (result.valid) {
        output.out(`${mark.pass} ${source}: valid ${options.vendor} ${options.kind}`);
      } else {
        output.out(`${mark.fail} ${source}: invalid ${options.vendor} ${options.kind}`);
        for (const error of result.errors) output.out(`  ${pc.red(error.message)}`);
        output.out(`${result.errors.length} error${result.errors.length === 1 ? '' : 's'}`);
      }
      if (!options.json) for (const item of undocumented) output.out(`  ${mark.warn} ${item.message}`);
      process.exitCode = result.valid ? 0 : 1;
    });
}
