import { mkdirSync } from 'node:fs';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { join } from 'node:path';
import { writableFolder } from '../../util/output-folder.js';
import { Command, Option } from 'commander';
import type { Catalogue } from '../../vendors/catalogue.js';
import type { VendorId } from '../../vendors/types.js';
import { jsonOption, vendorOption } from '../options.js';
import { printJson, type Output } from '../output.js';

export function openapiCommand(output: Output, catalogue: Catalogue): Command {
  return new Command('openapi')
    .summary('write an OpenAPI 3.1 document per vendor, generated from the schemas')
    .description('Write <vendor>.openapi.json for each vendor (or --vendor) into --out.')
    .addOption(vendorOption(catalogue))
    .addOption(new Option('--out <dir>', 'output folder (generated output: under reports/, which git ignores)').default('reports/openapi'))
    .addOption(jsonOption())
    .action(async (options: { vendor?: VendorId; out: string; json?: boolean }) => {
      const { openApiDocument } = await import('../../openapi/generate.js');
      const dir = writableFolder('--out', options.out);
      mkdirSync(dir, { recursive: true });
      const written = catalogue.modules.filter((v) => !options.vendor || v.definition.id === options.vendor).map((vendor) => {
        const path = join(dir, `${vendor.definition.id}.openapi.json`);
        writeFileAtomic(path, `${JSON.stringify(openApiDocument(vendor), null, 2)}\n`);
        return { vendor: vendor.definition.id, path };
      });
      if (options.json) printJson(output, { written });
      else for (const w of written) output.out(`wrote ${w.path}`);
    });
}
