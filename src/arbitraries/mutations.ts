/**
 * Deliberate deviations from a schema. Given a valid document, `mutationsOf` lists every way to
 * break one rule the schema states, each with the JSON pointer a validator must then report.
 */
import type { JsonSchema } from '../vendors/types.js';
import { effectiveSchema, isRecord, pointerJoin, pointerSegments, typesOf } from '../schemas/walk.js';
import { exclusiveGroup } from './from-schema.js';
import { DOCUMENTED_VALUES } from '../schemas/documented-values.js';

export type MutationKind =
  | 'dropped-required'
  | 'unknown-field'
  | 'undocumented-value'
  | 'wrong-type'
  | 'outside-enum'
  | 'not-const'
  | 'bad-format'
  | 'pattern-mismatch'
  | 'exclusive-conflict';

export interface Mutation {
  readonly kind: MutationKind;
  /**
   * `error`: breaks a rule the page states, so validation fails. `warning`: goes beyond the page
   * (an undocumented field, a value outside a non-exhaustive list): valid, with a warning there.
   */
  readonly severity: 'error' | 'warning';
  /** JSON pointer that must be among the validator's errors. */
  readonly pointer: string;
  readonly description: string;
  readonly value: unknown;
}

/** A value of each JSON type, for wrong-type mutations. */
const VALUE_OF_TYPE: [string, unknown][] = [
  ['string', 'a string'],
  ['integer', 12345],
  ['boolean', true],
  ['null', null],
  ['array', []],
  ['object', {}],
];
const PATTERN_BREAKERS = ['http://insecure.example.com/hook', '', 'no match here'];
export const UNKNOWN_FIELD = 'undocumentedField';
const BEYOND_THE_PAGE: ReadonlySet<MutationKind> = new Set(['unknown-field', 'undocumented-value']);

/**
 * `judge` grades a mutated document by the evidence of the rule it breaks (validate(): an error for
 * what the page states, a warning for an example's shape or a decision); without it, by kind.
 */
export function mutationsOf(root: JsonSchema, document: unknown, judge?: (value: unknown) => Mutation['severity']): Mutation[] {
  const found: Mutation[] = [];
  visit(root, root, document, '', (edit) => {
    const value = edit.apply(structuredClone(document));
    found.push({ ...edit, severity: judge ? judge(value) : BEYOND_THE_PAGE.has(edit.kind) ? 'warning' : 'error', value });
  });
  return found;
}

interface Edit {
  kind: MutationKind;
  pointer: string;
  description: string;
  apply: (copy: unknown) => unknown;
}

function visit(root: JsonSchema, schema: JsonSchema, value: unknown, pointer: string, emit: (edit: Edit) => void): void {
  const effective = effectiveSchema(root, schema, value);
  leafMutations(effective, value, pointer, emit);
  if (isRecord(value) && typesOf(effective).includes('object')) objectMutations(root, effective, value, pointer, emit);
  if (Array.isArray(value) && isRecord(effective.items)) {
    value.forEach((item, i) => visit(root, effective.items as JsonSchema, item, pointerJoin(pointer, i), emit));
  }
  const branch = (effective.anyOf ?? effective.oneOf) as JsonSchema[] | undefined;
  if (branch && value !== null && isRecord(value)) {
    // Nullable object references (anyOf [object, null]): mutate inside the object branch.
    const objectBranch = branch.find((b) => !typesOf(b).includes('null'));
    if (objectBranch) visit(root, objectBranch, value, pointer, emit);
  }
}

function leafMutations(schema: JsonSchema, value: unknown, pointer: string, emit: (edit: Edit) => void): void {
  const types = typesOf(schema);
  const replaceWith = (replacement: unknown) => (copy: unknown) => setAt(copy, pointer, replacement);
  if (types.length > 0) {
    const allowed = (t: string) => types.includes(t) || (t === 'integer' && types.includes('number'));
    const wrong = VALUE_OF_TYPE.find(([t]) => !allowed(t));
    if (wrong) emit({ kind: 'wrong-type', pointer, description: `${pointer || '/'} set to a ${wrong[0]}`, apply: replaceWith(wrong[1]) });
  }
  if (Array.isArray(schema.enum)) {
    emit({ kind: 'outside-enum', pointer, description: `${pointer} set outside its enum`, apply: replaceWith('__not_a_documented_value__') });
  }
  if (typeof value === 'string' && Array.isArray(schema[DOCUMENTED_VALUES])) {
    emit({ kind: 'undocumented-value', pointer, description: `${pointer} set outside the values the page lists`, apply: replaceWith('x.undocumented.value') });
  }
  if ('const' in schema) {
    emit({ kind: 'not-const', pointer, description: `${pointer} set to another value than ${JSON.stringify(schema.const)}`, apply: replaceWith('__not_the_documented_value__') });
  }
  if (typeof value === 'string' && typeof schema.format === 'string') {
    emit({ kind: 'bad-format', pointer, description: `${pointer} is not a ${schema.format}`, apply: replaceWith(`not a ${schema.format}`) });
  }
  if (typeof value === 'string' && typeof schema.pattern === 'string') {
    const pattern = new RegExp(schema.pattern);
    const breaker = PATTERN_BREAKERS.find((b) => !pattern.test(b));
    if (breaker !== undefined) {
      emit({ kind: 'pattern-mismatch', pointer, description: `${pointer} breaks ${schema.pattern}`, apply: replaceWith(breaker) });
    }
  }
}

function objectMutations(root: JsonSchema, schema: JsonSchema, value: Record<string, unknown>, pointer: string, emit: (edit: Edit) => void): void {
  for (const key of (schema.required as string[] | undefined) ?? []) {
    if (!Object.hasOwn(value, key)) continue;
    const at = pointerJoin(pointer, key);
    emit({ kind: 'dropped-required', pointer: at, description: `required ${at} dropped`, apply: (copy) => deleteAt(copy, at) });
  }
  if (schema.additionalProperties === false && !Object.hasOwn(value, UNKNOWN_FIELD)) {
    const at = pointerJoin(pointer, UNKNOWN_FIELD);
    emit({ kind: 'unknown-field', pointer: at, description: `undocumented field ${at} added`, apply: (copy) => setAt(copy, at, 'x') });
  }
  const group = exclusiveGroup(schema);
  const present = [...group].filter((k) => Object.hasOwn(value, k));
  if (group.size > 1 && present.length <= 1) {
    const extra = [...group].find((k) => !present.includes(k))!;
    const second = present.length === 0 ? [...group].find((k) => k !== extra)! : undefined;
    emit({
      kind: 'exclusive-conflict',
      pointer,
      description: `${pointer} carries ${present[0] ?? second} and ${extra} together`,
      apply: (copy) => {
        const withExtra = setAt(copy, pointerJoin(pointer, extra), {});
        return second ? setAt(withExtra, pointerJoin(pointer, second), {}) : withExtra;
      },
    });
  }
  const properties = (schema.properties as Record<string, JsonSchema> | undefined) ?? {};
  for (const [key, child] of Object.entries(value)) {
    const childSchema = properties[key] ?? (isRecord(schema.additionalProperties) ? (schema.additionalProperties as JsonSchema) : undefined);
    if (childSchema) visit(root, childSchema, child, pointerJoin(pointer, key), emit);
  }
}

function parentAndKey(document: unknown, pointer: string): [Record<string, unknown> | unknown[], string] {
  const segments = pointerSegments(pointer);
  const key = segments.pop()!;
  let node = document as Record<string, unknown>;
  for (const s of segments) node = node[s] as Record<string, unknown>;
  return [node, key];
}

function setAt(document: unknown, pointer: string, replacement: unknown): unknown {
  if (pointer === '') return replacement;
  const [parent, key] = parentAndKey(document, pointer);
  if (Array.isArray(parent)) parent[Number(key)] = replacement;
  else Object.defineProperty(parent, key, { value: replacement, enumerable: true, writable: true, configurable: true });
  return document;
}

function deleteAt(document: unknown, pointer: string): unknown {
  const [parent, key] = parentAndKey(document, pointer);
  if (!Array.isArray(parent)) delete parent[key];
  return document;
}
