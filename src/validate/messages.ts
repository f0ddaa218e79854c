import type { GeneratedValidationError } from './generated/validators.cjs';
import type { JsonSchema } from '../vendors/types.js';
import { page, schemaEvidence, type Evidence } from '../schemas/evidence.js';
import { escapeToken, isRecord, pointerGet, pointerSegments, unescapeToken } from '../schemas/walk.js';

/** One validation failure, in terms a client author can act on. */
export interface ValidationIssue {
  /** JSON pointer of the offending value (for a missing or unknown field: where it is or would be). */
  readonly path: string;
  /** `/destination/postgres/port: must be integer, got string` */
  readonly message: string;
  readonly keyword: string;
  readonly schemaPath: string;
  /** The documented field this is about: the seed page, the field's dotted name, its description. */
  readonly doc: { readonly seed: string; readonly field: string; readonly description?: string };
  /** Where the broken rule comes from (src/schemas/evidence.ts); its severity follows. */
  readonly evidence: Evidence;
}

/** Keywords whose failure is already explained by the errors of their subschemas. */
const SUMMARY_KEYWORDS = new Set(['if', 'anyOf', 'oneOf', 'allOf']);

export function describeErrors(
  errors: readonly GeneratedValidationError[],
  data: unknown,
  schema: JsonSchema,
  seed: string,
): ValidationIssue[] {
  const detailed = errors.filter((e) => !SUMMARY_KEYWORDS.has(e.keyword));
  const chosen = detailed.length > 0 ? detailed : errors;
  const issues = chosen.map((error) => describeError(error, data, schema, seed));
  const unique = new Map(issues.map((i) => [`${i.path}\u0000${i.message}`, i]));
  return [...unique.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function describeError(error: GeneratedValidationError, data: unknown, root: JsonSchema, seed: string): ValidationIssue {
  const frame = locateFrame(root, error);
  const parent = frame ? schemaAt(frame, error.schemaPath.split('/').slice(0, -1)) : undefined;
  const property = propertyNamed(error);
  const path = property === undefined ? error.instancePath : `${error.instancePath}/${escapeToken(property)}`;
  const fieldSchema = property === undefined ? parent : (asRecord(asRecord(parent?.properties)?.[property]) ?? undefined);
  const value = property === undefined ? pointerGet(data, error.instancePath) : undefined;
  const secret = fieldSchema?.writeOnly === true;
  const text = explain(error, value, secret, parent);
  const description = typeof fieldSchema?.description === 'string' ? fieldSchema.description : undefined;
  return {
    path,
    message: `${path || '/'}: ${text}`,
    keyword: error.keyword,
    schemaPath: error.schemaPath,
    doc: { seed, field: dottedField(path), ...(description ? { description } : {}) },
    evidence: schemaEvidence(frame ?? root, error.schemaPath) ?? keywordEvidence(error.keyword, seed, dottedField(path), description),
  };
}

/** A keyword with no `x-evidence` entry: beyond the docs for unknown fields and unlisted values, else the page's field list. */
function keywordEvidence(keyword: string, seed: string, field: string, description: string | undefined): Evidence {
  if (keyword === 'additionalProperties' || keyword === 'unevaluatedProperties') return { kind: 'beyond', cite: `${seed}: the page does not document this field` };
  if (keyword === 'x-documented-values') return { kind: 'beyond', cite: `${seed}: the page's list is introduced with "Allowed values include" (not exhaustive)` };
  return page(`${seed}: ${field || 'the body'}${description ? ` ("${description.slice(0, 160)}")` : ''}`);
}

function propertyNamed(error: GeneratedValidationError): string | undefined {
  const p = error.params;
  if (error.keyword === 'required') return String(p.missingProperty);
  if (error.keyword === 'additionalProperties') return String(p.additionalProperty);
  if (error.keyword === 'unevaluatedProperties') return String(p.unevaluatedProperty);
  return undefined;
}

function explain(error: GeneratedValidationError, value: unknown, secret: boolean, parent: JsonSchema | undefined): string {
  const got = secret ? `got a ${jsonType(value)} (value hidden: secret field)` : `got ${preview(value)}`;
  switch (error.keyword) {
    case 'required':
      return 'is required but missing';
    case 'additionalProperties':
      return 'is not a documented field';
    case 'unevaluatedProperties':
      return 'is not a documented field (drift)';
    case 'type':
      return `must be ${String(error.params.type).replace(/,/g, ' or ')}, got ${jsonType(value)}`;
    case 'enum':
      return `must be one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}; ${got}`;
    case 'const':
      return `must be ${JSON.stringify(error.params.allowedValue)}; ${got}`;
    case 'format':
      return `must be a valid ${String(error.params.format)}; ${got}`;
    case 'pattern':
      return `${typeof parent?.description === 'string' && parent.description.includes('HTTPS') ? 'must use HTTPS' : `must match ${String(error.params.pattern)}`}; ${got}`;
    case 'x-documented-values':
      return `${got.replace(/^got /, '')} is not among the values the page lists (beyond the docs)`;
    case 'not':
      return typeof parent?.not === 'object' && typeof asRecord(parent.not)?.description === 'string'
        ? String(asRecord(parent.not)?.description)
        : (error.message ?? 'must not match');
    default:
      return error.message ?? `fails ${error.keyword}`;
  }
}

export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function preview(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function dottedField(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((s) => (/^\d+$/.test(s) ? '[]' : unescapeToken(s)))
    .join('.')
    .replace(/\.\[\]/g, '[]');
}

const asRecord = (value: unknown): Record<string, unknown> | undefined => (isRecord(value) ? value : undefined);

/**
 * The subschema holding the failed keyword. ajv compiles each `$ref` target on its own, so a
 * `schemaPath` is relative to the last `$ref` crossed, not to the root: walk the instance path
 * through the schema, collect the schemas met there (and the `$ref` targets they lead to), and take
 * the deepest in which the path resolves.
 */
/** The schema (root or `$ref` target) that the error's schemaPath is relative to. */
function locateFrame(root: JsonSchema, error: GeneratedValidationError): JsonSchema | undefined {
  const relative = error.schemaPath.split('/').slice(0, -1);
  return framesAlong(root, error.instancePath).reverse().find((frame) => schemaAt(frame, relative) !== undefined);
}

function framesAlong(root: JsonSchema, instancePath: string): JsonSchema[] {
  const frames: JsonSchema[] = [root];
  let level: JsonSchema[] = expand(root, root, frames);
  for (const segment of pointerSegments(instancePath)) {
    const next: JsonSchema[] = [];
    for (const node of level) {
      const child =
        asRecord(asRecord(node.properties)?.[segment]) ??
        (/^\d+$/.test(segment) ? asRecord(node.items) : undefined) ??
        asRecord(node.additionalProperties);
      if (child) next.push(...expand(child, root, frames));
    }
    level = next;
  }
  return frames;
}

/** A schema and the subschemas that apply at the same instance location; `$ref` targets are frames. */
function expand(node: JsonSchema, root: JsonSchema, frames: JsonSchema[], depth = 0): JsonSchema[] {
  if (depth > 8) return [node];
  const out: JsonSchema[] = [node];
  if (typeof node.$ref === 'string' && node.$ref.startsWith('#/')) {
    const target = schemaAt(root, node.$ref.split('/'));
    if (target) {
      frames.push(target);
      out.push(...expand(target, root, frames, depth + 1));
    }
  }
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    const list = node[key];
    if (Array.isArray(list)) for (const sub of list) if (asRecord(sub)) out.push(...expand(sub as JsonSchema, root, frames, depth + 1));
  }
  for (const key of ['then', 'else']) {
    const sub = asRecord(node[key]);
    if (sub) out.push(...expand(sub, root, frames, depth + 1));
  }
  return out;
}

/** The subschema a `schemaPath` (`#/$defs/x/properties/port/type`) points into. */
function schemaAt(root: JsonSchema, segments: readonly string[]): JsonSchema | undefined {
  let node: unknown = root;
  for (const raw of segments) {
    if (raw === '#') continue;
    const key = unescapeToken(decodeURIComponent(raw));
    if (Array.isArray(node)) node = node[Number(key)];
    else node = asRecord(node)?.[key];
    if (node === undefined) return undefined;
  }
  return asRecord(node);
}
