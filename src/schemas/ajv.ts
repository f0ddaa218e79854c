import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { _, type KeywordCxt, type ValidateFunction } from 'ajv';
import { stringify } from 'ajv/dist/compile/codegen/index.js';
import { DOCUMENTED_VALUES } from './documented-values.js';
import { UNORDERED } from './walk.js';
import { EVIDENCE } from './evidence.js';
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
  // The page's non-exhaustive list of values (see src/schemas/documented-values.ts): compiled into
  // the validator, so that a document within the list costs nothing more; a value outside it fails
  // with this keyword, which validate() reports as a warning (beyond the docs), never an error.
  ajv.addKeyword({
    keyword: DOCUMENTED_VALUES,
    type: 'string',
    schemaType: 'array',
    error: { message: 'is not among the values the page lists (beyond the docs)' },
    code(cxt: KeywordCxt) {
      cxt.fail(_`!${stringify(cxt.schema)}.includes(${cxt.data})`);
    },
  });
  // An array whose order and repetitions carry no meaning (a field mask is a set of paths):
  // an annotation that comparisons of requests read (src/schemas/walk.ts unorderedPointers).
  ajv.addKeyword({ keyword: UNORDERED, schemaType: 'boolean' });
  // Request fields the page does not document but the vendor's own clients send (with the source):
  // still beyond the docs for validate(); for check-client, a field of a real client, not an invention.
  ajv.addKeyword({ keyword: 'x-known-fields', schemaType: 'object' });
  // Where a constraint of the node comes from when the page does not state it (src/schemas/evidence.ts).
  ajv.addKeyword({ keyword: EVIDENCE, schemaType: 'object' });
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

/** The validators of one vendor, compiled now: what its generated module would export. */
export function compileVendorValidators(vendor: VendorDefinition): Record<string, ValidateFunction> {
  const ajv = createAjv();
  const exportNames = addVendorSchemas(ajv, [vendor]);
  return Object.fromEntries(Object.entries(exportNames).map(([name, id]) => [name, ajv.getSchema(id)!]));
}
