/**
 * Reading the schemas as data: resolving local `$ref`s, applying `if`/`then` overlays, and finding
 * the subschema for a JSON pointer. Generators, semantics and redaction all go through these, so
 * a schema edit reaches them with no other change.
 */
import type { JsonSchema } from '../vendors/types.js';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Follows a local `$ref` (`#/$defs/x`), keeping the referring schema's own annotations. */
export function resolve(root: JsonSchema, node: JsonSchema): JsonSchema {
  let current = node;
  for (let hops = 0; typeof current.$ref === 'string' && hops < 32; hops++) {
    const { $ref, ...rest } = current;
    const target = pointerGet(root, ($ref as string).replace(/^#/, ''));
    if (!isRecord(target)) throw new Error(`unresolvable $ref ${String($ref)}`);
    current = { ...target, ...rest };
  }
  return current;
}

/** RFC 6901: a JSON pointer's reference tokens, unescaped (`/a~1b/0` → `['a/b', '0']`). */
export function pointerSegments(pointer: string): string[] {
  return pointer === '' ? [] : pointer.split('/').slice(1).map(unescapeToken);
}

export function unescapeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

export function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function pointerGet(document: unknown, pointer: string): unknown {
  let node = document;
  for (const key of pointerSegments(pointer)) {
    if (Array.isArray(node)) node = node[Number(key)];
    else if (isRecord(node) && Object.hasOwn(node, key)) node = node[key];
    else return undefined;
  }
  return node;
}

export function pointerJoin(pointer: string, key: string | number): string {
  return `${pointer}/${escapeToken(String(key))}`;
}

/**
 * The supported subset for conditions in our schemas: `const`, `enum`, `required`, `properties`
 * (recursively) and `type`. Anything else throws, so a new kind of condition is noticed at once.
 */
export function matchesCondition(condition: JsonSchema, value: unknown): boolean {
  for (const [keyword, expected] of Object.entries(condition)) {
    switch (keyword) {
      case 'const':
        if (JSON.stringify(value) !== JSON.stringify(expected)) return false;
        break;
      case 'enum':
        if (!(expected as unknown[]).some((e) => JSON.stringify(e) === JSON.stringify(value))) return false;
        break;
      case 'required':
        if (!isRecord(value) || !(expected as string[]).every((k) => Object.hasOwn(value, k))) return false;
        break;
      case 'properties':
        if (isRecord(value)) {
          for (const [key, sub] of Object.entries(expected as Record<string, JsonSchema>)) {
            if (Object.hasOwn(value, key) && !matchesCondition(sub, value[key])) return false;
          }
        }
        break;
      case 'type':
        if (expected === 'object' && !isRecord(value)) return false;
        break;
      case 'description':
      case '$comment':
        break;
      default:
        throw new Error(`condition keyword "${keyword}" is not supported by matchesCondition`);
    }
  }
  return true;
}

/** `base` with `overlay`'s keywords added: `properties` merged key by key, `required` unioned. */
export function overlay(root: JsonSchema, base: JsonSchema, extra: JsonSchema): JsonSchema {
  const merged: JsonSchema = { ...base };
  for (const [keyword, value] of Object.entries(extra)) {
    if (keyword === 'properties' && isRecord(value)) {
      const properties: Record<string, JsonSchema> = { ...((base.properties as Record<string, JsonSchema>) ?? {}) };
      for (const [key, sub] of Object.entries(value as Record<string, JsonSchema>)) {
        properties[key] = properties[key] ? overlay(root, resolve(root, properties[key]!), resolve(root, sub)) : sub;
      }
      merged.properties = properties;
    } else if (keyword === 'required') {
      merged.required = [...new Set([...((base.required as string[]) ?? []), ...(value as string[])])];
    } else if (keyword !== 'description' && keyword !== '$comment') {
      merged[keyword] = value;
    }
  }
  return merged;
}

/** The `if`/`then` pairs of a schema, at its top and inside its `allOf`. */
export function conditionals(schema: JsonSchema): { if: JsonSchema; then: JsonSchema }[] {
  const found: { if: JsonSchema; then: JsonSchema }[] = [];
  const take = (s: JsonSchema): void => {
    if (isRecord(s.if) && isRecord(s.then)) found.push({ if: s.if, then: s.then });
  };
  take(schema);
  if (Array.isArray(schema.allOf)) for (const sub of schema.allOf) if (isRecord(sub)) take(sub);
  return found;
}

/** The schema after every `if`/`then` whose condition `value` meets has been applied. */
export function effectiveSchema(root: JsonSchema, schema: JsonSchema, value: unknown): JsonSchema {
  let result = resolve(root, schema);
  for (const rule of conditionals(result)) {
    if (matchesCondition(rule.if, value)) result = overlay(root, result, rule.then);
  }
  return result;
}

export function typesOf(schema: JsonSchema): string[] {
  if (Array.isArray(schema.type)) return schema.type as string[];
  if (typeof schema.type === 'string') return [schema.type];
  return [];
}

/**
 * Every JSON pointer in `value` whose schema is marked `writeOnly` (a secret), plus, for open
 * objects the vendor flags, the keys its `isSecretOpenKey` says are secret.
 */
export function secretPointers(
  root: JsonSchema,
  value: unknown,
  isSecretOpenKey?: (key: string) => boolean,
  schema: JsonSchema = root,
  pointer = '',
  onlyStated = false,
): string[] {
  const effective = effectiveSchema(root, schema, value);
  // `onlyStated`: leave out fields the project treats as secret without the page saying so (x-evidence).
  const graded = (effective['x-evidence'] as { writeOnly?: { kind?: string } } | undefined)?.writeOnly?.kind;
  if (effective.writeOnly === true) return onlyStated && (graded === 'decision' || graded === 'example') ? [] : [pointer];
  const found: string[] = [];
  if (isRecord(value)) {
    const properties = (effective.properties as Record<string, JsonSchema> | undefined) ?? {};
    const open = isOpenObject(effective);
    for (const [key, child] of Object.entries(value)) {
      const childPointer = pointerJoin(pointer, key);
      const childSchema = properties[key] ?? (isRecord(effective.additionalProperties) ? (effective.additionalProperties as JsonSchema) : undefined);
      if (childSchema) found.push(...secretPointers(root, child, isSecretOpenKey, childSchema, childPointer, onlyStated));
      else if (open && isSecretOpenKey?.(key)) found.push(childPointer);
    }
  } else if (Array.isArray(value) && isRecord(effective.items)) {
    value.forEach((item, i) => found.push(...secretPointers(root, item, isSecretOpenKey, effective.items as JsonSchema, pointerJoin(pointer, i), onlyStated)));
  }
  return found;
}

/** The string values at the given pointers (what must never be printed). */
export function valuesAt(value: unknown, pointers: readonly string[]): string[] {
  return pointers
    .map((p) => pointerGet(value, p))
    .flatMap((v) => (typeof v === 'string' ? [v] : v === undefined || v === null ? [] : [JSON.stringify(v)]));
}

/** An object the page leaves open: no declared properties and no closing or typing of the rest. */
export function isOpenObject(schema: JsonSchema): boolean {
  return (
    typesOf(schema).includes('object') &&
    schema.properties === undefined &&
    (schema.additionalProperties === undefined || schema.additionalProperties === true)
  );
}

/** `x-unordered: true`: an array that is a set (order and repetition mean nothing), e.g. a field mask. */
export const UNORDERED = 'x-unordered';

/** The pointers of the set-valued arrays among a schema's object properties (not below arrays); walked once per schema. */
export function unorderedPointers(root: JsonSchema): readonly string[] {
  let pointers = unorderedBySchema.get(root);
  if (!pointers) unorderedBySchema.set(root, (pointers = unorderedPointersBelow(root, root, '', 0)));
  return pointers;
}
const unorderedBySchema = new WeakMap<JsonSchema, readonly string[]>();

function unorderedPointersBelow(root: JsonSchema, node: JsonSchema, pointer: string, depth: number): string[] {
  const schema = resolve(root, node);
  if (schema[UNORDERED] === true) return [pointer];
  if (depth > 16 || !isRecord(schema.properties)) return [];
  return Object.entries(schema.properties as Record<string, JsonSchema>).flatMap(([key, child]) =>
    isRecord(child) ? unorderedPointersBelow(root, child, pointerJoin(pointer, key), depth + 1) : [],
  );
}

/** A copy of `value` with the arrays at `pointers` sorted and de-duplicated: two sets compare equal. */
export function canonicalSets(value: unknown, pointers: readonly string[]): unknown {
  if (pointers.length === 0) return value;
  const copy = structuredClone(value);
  for (const pointer of pointers) {
    const segments = pointerSegments(pointer);
    const parent = pointerGet(copy, pointer.slice(0, pointer.lastIndexOf('/')));
    const key = segments[segments.length - 1];
    if (key === undefined || !isRecord(parent) || !Array.isArray(parent[key])) continue;
    const byText = new Map((parent[key] as unknown[]).map((item) => [JSON.stringify(item), item]));
    parent[key] = [...byText.keys()].sort().map((text) => byText.get(text));
  }
  return copy;
}

/** The pointers of a JSON value's leaves (objects are walked; arrays and scalars are leaves). */
export function leafPointers(value: unknown, pointer = ''): string[] {
  if (!isRecord(value)) return pointer ? [pointer] : [];
  return Object.entries(value).flatMap(([key, child]) => leafPointers(child, pointerJoin(pointer, key)));
}
