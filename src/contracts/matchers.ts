/**
 * Pact matchers for an example response, derived from the response schema. A pact pins exactly the
 * fields the page marks required, by type: a provider may leave any other field out, and which
 * optional fields a destination has depends on how the user configured it (its kind, its auth, its
 * cloud settings). Optional fields are still checked by `verify`'s schema probe whenever present.
 * Integers as integer, strings as string, formats as the regex ajv-formats uses for them, enums as
 * an alternation, arrays with eachLike. Nullable fields are left out: Pact has no "string or null"
 * matcher. The keys of open objects are left out too (a free-form config): the schema promises none.
 */
// The matchers alone: the package root loads every DSL (0.6 s a process; verify and check-client build contracts).
import * as MatchersV3 from '@pact-foundation/pact/src/v3/matchers.js';
import type { JsonSchema } from '../vendors/types.js';
import { formatPattern } from '../schemas/format-patterns.js';
import { effectiveSchema, isOpenObject, isRecord, resolve, typesOf } from '../schemas/walk.js';

export function responseMatchers(root: JsonSchema, example: unknown): unknown {
  return matcherFor(root, root, example);
}

function matcherFor(root: JsonSchema, schema: JsonSchema, value: unknown): unknown {
  const effective = effectiveSchema(root, resolve(root, schema), value);
  const branch = (effective.anyOf ?? effective.oneOf) as JsonSchema[] | undefined;
  if (branch) {
    const chosen = branch.map((b) => resolve(root, b)).find((b) => typesOf(b).some((t) => t !== 'null'));
    return chosen ? matcherFor(root, chosen, value) : value;
  }
  if ('const' in effective) return value;
  if (Array.isArray(effective.enum)) return MatchersV3.regex(`^(${(effective.enum as unknown[]).filter((e) => e !== null).map((e) => escapeRegex(String(e))).join('|')})$`, String(value));
  if (Array.isArray(value)) {
    if (value.length === 0 || !isRecord(effective.items)) return MatchersV3.like(value);
    return MatchersV3.eachLike(matcherFor(root, effective.items as JsonSchema, value[0]), 1);
  }
  if (isRecord(value)) {
    // An open object promises no key: the pact pins that it is an object, nothing inside it.
    if (isOpenObject(effective)) return MatchersV3.like({});
    const properties = (effective.properties as Record<string, JsonSchema> | undefined) ?? {};
    const required = new Set((effective.required as string[] | undefined) ?? []);
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      const childSchema = properties[key];
      if (!required.has(key) || !childSchema || child === null || isNullable(root, childSchema)) continue;
      out[key] = matcherFor(root, childSchema, child);
    }
    return out;
  }
  if (typeof value === 'string') {
    const format = typeof effective.format === 'string' ? formatPattern(effective.format) : undefined;
    if (format) return MatchersV3.regex(format, value);
    if (typeof effective.pattern === 'string') return MatchersV3.regex(wholeValuePattern(effective.pattern), value);
    return MatchersV3.string(value);
  }
  if (typeof value === 'number') return Number.isInteger(value) && typesOf(effective).includes('integer') ? MatchersV3.integer(value) : MatchersV3.number(value);
  if (typeof value === 'boolean') return MatchersV3.boolean(value);
  return value;
}

function isNullable(root: JsonSchema, schema: JsonSchema): boolean {
  const resolved = resolve(root, schema);
  if (typesOf(resolved).includes('null')) return true;
  if (Array.isArray(resolved.enum) && resolved.enum.includes(null)) return true;
  const branch = (resolved.anyOf ?? resolved.oneOf) as JsonSchema[] | undefined;
  return Boolean(branch?.some((b) => typesOf(resolve(root, b)).includes('null')));
}

/**
 * The Pact core matches a regex against the whole value, while a JSON Schema `pattern` may match a
 * prefix (`^https://`): complete such a pattern so that it covers the rest of the value.
 */
export function wholeValuePattern(pattern: string): string {
  const anchored = pattern.startsWith('^') ? pattern : `^.*${pattern}`;
  return anchored.endsWith('$') ? anchored : `${anchored}.*$`;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
