import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { JsonSchema, SchemaKind, VendorDefinition } from '../vendors/types.js';

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
  return ajv;
}

/** Export name of a compiled validator in the generated module. */
export function validatorName(vendor: string, kind: SchemaKind | 'response_closed'): string {
  return `${vendor}_${kind}`;
}

/**
 * A copy of a response schema in which every object that declares `properties` is closed with
 * `unevaluatedProperties: false`. Validating a response against it reports each property the
 * documentation does not name: that is drift. Open objects (no `properties`, or an
 * `additionalProperties` schema of their own) stay open, because the page documents them as open.
 */
export function closeDocumentedObjects(schema: JsonSchema): JsonSchema {
  const closed = closeNode(schema) as JsonSchema;
  if (typeof closed.$id === 'string') closed.$id = closed.$id.replace(/\.json$/, `.closed.json`);
  return closed;
}

function closeNode(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(closeNode);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = closeNode(value);
  const declaresObject = out.type === 'object' || (Array.isArray(out.type) && out.type.includes('object'));
  if (declaresObject && 'properties' in out && !('additionalProperties' in out) && !('unevaluatedProperties' in out)) {
    out.unevaluatedProperties = false;
  }
  return out;
}

export interface CompiledSchemaSet {
  readonly ajv: Ajv2020;
  readonly exportNames: Record<string, string>;
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
