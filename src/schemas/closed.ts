/**
 * Schema helpers the validation path needs at run time. Kept apart from ./ajv.ts so that
 * validating never loads the ajv compiler: validators are precompiled.
 */
import type { JsonSchema, SchemaKind } from '../vendors/types.js';

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

