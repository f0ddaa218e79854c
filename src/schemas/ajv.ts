import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { JsonSchema, SchemaKind, VendorDefinition } from '../vendors/types.js';
import { closeDocumentedObjects, validatorName } from './closed.js';

export { closeDocumentedObjects, validatorName } from './closed.js';

// ajv-formats is CommonJS; under NodeNext typing its plugin function is the `.default` member.
const addFormats = addFormatsModule.default;

/**
 * The one ajv configuration every validator is built with, at generation time (standalone code)
 * and in tests that compile schemas on the fly (e.g. mutant schemas).
 */
export function createAjv(options: { source?: boolean } = {}): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    strictSchema: true,
    // `if` branches and `then` overlays deliberately carry `properties` without `type`.
    strictTypes: false,
    strictRequired: false,
    // Every $ref compiled on its own keeps the generated module small and schemaPaths predictable.
    inlineRefs: false,
    code: { source: options.source ?? false, lines: false },
  });
  addFormats(ajv);
  // An annotation: the page's non-exhaustive list of values (see src/schemas/documented-values.ts).
  ajv.addKeyword({ keyword: 'x-documented-values', schemaType: 'array' });
  return ajv;
}

/** Adds every schema of every vendor, plus the closed response variants, to one ajv instance. */
export function addVendorSchemas(ajv: Ajv2020, vendors: readonly VendorDefinition[]): Record<string, string> {
  const exportNames: Record<string, string> = {};
  for (const vendor of vendors) {
    for (const [kind, schema] of Object.entries(vendor.schemas) as [SchemaKind, JsonSchema][]) {
      ajv.addSchema(schema);
      exportNames[validatorName(vendor.id, kind)] = schema.$id as string;
    }
    const closed = closeDocumentedObjects(vendor.schemas.response);
    ajv.addSchema(closed);
    exportNames[validatorName(vendor.id, 'response_closed')] = closed.$id as string;
  }
  return exportNames;
}
