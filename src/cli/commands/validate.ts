import { describeEvidence, type Evidence } from '../../schemas/evidence.js';
import { Command, Option } from 'commander';
import type { Catalogue } from '../../vendors/catalogue.js';
import type { SchemaKind, VendorId } from '../../vendors/types.js';
import { UsageError } from '../../util/errors.js';
import { jsonOption, vendorOption } from '../options.js';
import { mark, pc, printJson, type Output } from '../output.js';

const KINDS = ['request', 'response', 'path', 'query'] as const;

export function validateCommand(output: Output, catalogue: Catalogue): Command {
  return new Command('validate')
    .summary('validate one JSON document against a vendor schema')
    .description(
      'Validate a request body, response body, path parameters or query parameters of a vendor\'s update endpoint.\n' +
        'Errors break a rule the vendor page states (or vendor material that settles it); warnings go beyond\n' +
        'the page (an undocumented field, drift, an unlisted updateMask path) or break only what an example\n' +
        'shows or the project decided, and fail only with --strict. Each finding names its evidence.\n' +
        'Exit 0 when valid, 1 when invalid (each error is listed with its JSON pointer), 2 for bad input.',
    )
    .addOption(vendorOption(catalogue, 'the vendor whose schema applies').makeOptionMandatory())
    .addOption(new Option('--kind <kind>', 'which document it is').choices(KINDS).default('request'))
    .addOption(new Option('--strict', 'fail on warnings too (fields and values beyond the docs, drift)'))
    .addOption(jsonOption())
    .argument('<file>', 'a JSON file, or - for stdin')
    .action(async (file: string, options: { vendor: VendorId; kind: SchemaKind; json?: boolean; strict?: boolean }) => {
      const { readJsonDocument } = await import('../../util/json-input.js');
      const { drift, hasSchema, validate } = await import('../../validate/index.js');
      const vendor = catalogue.definition(options.vendor);
      if (!hasSchema(vendor, options.kind)) {
        throw new UsageError(`${options.vendor} documents no ${options.kind} parameters`);
      }
      const document = await readJsonDocument(file);
      const result = validate(vendor, options.kind, document);
      const undocumented = options.kind === 'response' ? drift(vendor, document) : [];
      const source = file === '-' ? 'stdin' : file;
      // Every finding shows where its rule comes from (src/schemas/evidence.ts).
      const withEvidence = (issue: { message: string; evidence: Evidence }) => `${issue.message} (${describeEvidence(issue.evidence)})`;
      const warnings = [...result.warnings.map(withEvidence), ...undocumented.map((d) => `${d.message} (beyond the docs — the page does not document this response field)`)];
      const valid = result.valid && !(options.strict && warnings.length > 0);
      if (options.json) {
        printJson(output, { vendor: options.vendor, kind: options.kind, source, ...result, valid, drift: undocumented });
      } else if (valid) {
        output.out(`${mark.pass} ${source}: valid ${options.vendor} ${options.kind}${warnings.length > 0 ? `, with ${warnings.length} warning${warnings.length === 1 ? '' : 's'} (beyond the page's statements)` : ''}`);
      } else {
        output.out(`${mark.fail} ${source}: invalid ${options.vendor} ${options.kind}${result.valid ? ' (--strict: warnings fail)' : ''}`);
        for (const error of result.errors) output.out(`  ${pc.red(withEvidence(error))}`);
        if (result.errors.length > 0) output.out(`${result.errors.length} error${result.errors.length === 1 ? '' : 's'}`);
      }
      if (!options.json) for (const warning of warnings) output.out(`  ${mark.warn} ${pc.yellow(`warning: ${warning}`)}`);
      process.exitCode = valid ? 0 : 1;
    });
}
