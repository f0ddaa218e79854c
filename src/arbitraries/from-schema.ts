/**
 * A JSON Schema → fast-check compiler for the keywords our schemas use: type (and type lists),
 * enum, const, formats (uuid, date-time, uri, email), pattern, string and number bounds,
 * required / properties / additionalProperties, items, anyOf / oneOf, if / then (including inside
 * allOf), and `not` over pairs of required keys (mutually exclusive properties). A keyword it does
 * not know makes it throw, so a schema edit never silently produces off-schema data.
 */
import fc from 'fast-check';
import type { JsonSchema } from '../vendors/types.js';
import { conditionals, effectiveSchema, isRecord, matchesCondition, resolve, typesOf } from '../schemas/walk.js';

export interface SchemaArbitraryOptions {
  /** Add undocumented properties to objects that accept them (responses: drift). */
  readonly extraProperties?: boolean;
  readonly maxArrayLength?: number;
}

const KNOWN_KEYWORDS = new Set([
  '$schema', '$id', '$comment', '$defs', '$ref', 'title', 'description', 'default', 'examples', 'writeOnly', 'readOnly',
  'type', 'enum', 'const', 'format', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum',
  'properties', 'required', 'additionalProperties', 'items', 'minItems', 'maxItems',
  'anyOf', 'oneOf', 'allOf', 'if', 'then', 'not', 'x-documented-values',
  // Annotations that grade or relate constraints; they generate nothing.
  'x-evidence', 'x-unordered', 'x-known-fields',
]);

/** Keys generated for open objects: printable, never one that would touch a prototype. */
export const objectKey = fc
  .string({ minLength: 1, maxLength: 12 })
  .filter((k) => k !== '__proto__' && k !== 'constructor' && k !== 'prototype');

/** Any JSON value, as an undocumented open object may hold. */
export const anyJson: fc.Arbitrary<unknown> = fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.parse(JSON.stringify(v)) as unknown);

export function arbitraryFromSchema(root: JsonSchema, schema: JsonSchema = root, options: SchemaArbitraryOptions = {}): fc.Arbitrary<unknown> {
  return new SchemaCompiler(root, options).compile(schema);
}

class SchemaCompiler {
  private readonly cache = new Map<JsonSchema, fc.Arbitrary<unknown>>();
  constructor(
    private readonly root: JsonSchema,
    private readonly options: SchemaArbitraryOptions,
  ) {}

  compile(input: JsonSchema): fc.Arbitrary<unknown> {
    const cached = this.cache.get(input);
    if (cached) return cached;
    const arbitrary = this.compileResolved(resolve(this.root, input));
    this.cache.set(input, arbitrary);
    return arbitrary;
  }

  private compileResolved(schema: JsonSchema): fc.Arbitrary<unknown> {
    for (const keyword of Object.keys(schema)) {
      if (!KNOWN_KEYWORDS.has(keyword)) throw new Error(`arbitraries: unsupported schema keyword "${keyword}"`);
    }
    if ('const' in schema) return fc.constant(schema.const);
    if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
    const branches = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
    if (branches) {
      const { anyOf: _a, oneOf: _o, ...rest } = schema;
      return fc.oneof(...branches.map((b) => this.compile({ ...rest, ...resolve(this.root, b) })));
    }
    const types = typesOf(schema);
    if (types.length === 0) return anyJson;
    if (types.length > 1) return fc.oneof(...types.map((t) => this.compileType(t, schema)));
    return this.compileType(types[0]!, schema);
  }

  private compileType(type: string, schema: JsonSchema): fc.Arbitrary<unknown> {
    switch (type) {
      case 'null':
        return fc.constant(null);
      case 'boolean':
        return fc.boolean();
      case 'integer':
        return fc.integer({ min: (schema.minimum as number) ?? -1_000_000_000, max: (schema.maximum as number) ?? 1_000_000_000 });
      case 'number':
        return fc.integer({ min: -1_000_000, max: 1_000_000 }).map((n) => n / 100);
      case 'string':
        return stringArbitrary(schema);
      case 'array':
        return this.arrayArbitrary(schema);
      case 'object':
        return this.objectArbitrary(schema);
      default:
        throw new Error(`arbitraries: unsupported type "${type}"`);
    }
  }

  private arrayArbitrary(schema: JsonSchema): fc.Arbitrary<unknown[]> {
    const items = isRecord(schema.items) ? this.compile(schema.items as JsonSchema) : anyJson;
    const minLength = (schema.minItems as number) ?? 0;
    const maxLength = Math.max(minLength, Math.min((schema.maxItems as number) ?? Infinity, this.options.maxArrayLength ?? 3));
    return fc.array(items, { minLength, maxLength });
  }

  private objectArbitrary(schema: JsonSchema): fc.Arbitrary<Record<string, unknown>> {
    const properties = (schema.properties as Record<string, JsonSchema> | undefined) ?? {};
    const required = new Set((schema.required as string[] | undefined) ?? []);
    const exclusive = exclusiveGroup(schema);
    const free = Object.keys(properties).filter((k) => !exclusive.has(k));
    let base: fc.Arbitrary<Record<string, unknown>> = fc.record(
      Object.fromEntries(free.map((k) => [k, this.compile(properties[k]!)])),
      { requiredKeys: free.filter((k) => required.has(k)), noNullPrototype: true },
    );
    if (exclusive.size > 0) {
      const group = [...exclusive];
      const one = fc.option(fc.constantFrom(...group), { nil: undefined }).chain((key) =>
        key === undefined ? fc.constant({}) : this.compile(properties[key]!).map((value) => ({ [key]: value })),
      );
      base = fc.tuple(base, one).map(([a, b]) => ({ ...a, ...b }));
    }
    const rest = this.restArbitrary(schema, properties);
    if (rest) base = fc.tuple(base, rest).map(([known, extra]) => ({ ...extra, ...known }));
    return conditionals(schema).length > 0 ? base.chain((value) => this.applyConditionals(schema, value)) : base;
  }

  /** Properties beyond the declared ones: a typed map, an open object, or drift when asked for. */
  private restArbitrary(schema: JsonSchema, properties: Record<string, JsonSchema>): fc.Arbitrary<Record<string, unknown>> | undefined {
    const declared = new Set(Object.keys(properties));
    const key = objectKey.filter((k) => !declared.has(k));
    if (isRecord(schema.additionalProperties)) {
      return fc.dictionary(key, this.compile(schema.additionalProperties as JsonSchema), { maxKeys: 3, noNullPrototype: true });
    }
    if (schema.additionalProperties === false) return undefined;
    if (Object.keys(properties).length === 0) return fc.dictionary(key, anyJson, { maxKeys: 3, noNullPrototype: true });
    if (this.options.extraProperties) {
      return fc.dictionary(key.map((k) => `x_${k}`), anyJson, { maxKeys: 2, noNullPrototype: true });
    }
    return undefined;
  }

  /** Regenerates what an applicable `then` adds or narrows (e.g. the credentials auth_method selects). */
  private applyConditionals(schema: JsonSchema, value: Record<string, unknown>): fc.Arbitrary<Record<string, unknown>> {
    const applicable = conditionals(schema).filter((rule) => matchesCondition(rule.if, value));
    if (applicable.length === 0) return fc.constant(value);
    const effective = effectiveSchema(this.root, schema, value);
    const properties = (effective.properties as Record<string, JsonSchema>) ?? {};
    const touched = new Set<string>();
    for (const rule of applicable) {
      for (const k of (rule.then.required as string[] | undefined) ?? []) if (!(k in value)) touched.add(k);
      for (const k of Object.keys((rule.then.properties as object | undefined) ?? {})) if (k in value || (effective.required as string[] | undefined)?.includes(k)) touched.add(k);
    }
    const regenerated = Object.fromEntries([...touched].map((k) => [k, new SchemaCompiler(this.root, this.options).compile(properties[k]!)]));
    return fc.record(regenerated, { noNullPrototype: true }).map((extra) => ({ ...value, ...extra }));
  }
}

/**
 * Keys that may not appear together: a `not: { anyOf: [{ required: [a, b] }, …] }` over every pair
 * of a set of keys (a "one block of these" rule).
 */
export function exclusiveGroup(schema: JsonSchema): Set<string> {
  const not = schema.not;
  if (!isRecord(not)) return new Set();
  const pairs = Array.isArray(not.anyOf) ? (not.anyOf as JsonSchema[]) : [];
  const keys = new Set<string>();
  for (const pair of pairs) {
    const req = pair.required as string[] | undefined;
    if (!Array.isArray(req) || req.length !== 2 || Object.keys(pair).length !== 1) {
      throw new Error('arbitraries: `not` is only supported as pairs of required keys');
    }
    req.forEach((k) => keys.add(k));
  }
  if (pairs.length !== (keys.size * (keys.size - 1)) / 2) throw new Error('arbitraries: `not` pairs must cover every pair of the group');
  return keys;
}

/**
 * Any Unicode scalar value, mostly ASCII. Not fast-check's `unit: 'binary'`: its first use in a
 * process maps all 1.1 million code points back to indexes (seconds of CPU in every check-client
 * and verify process); a unit without an unmapper costs nothing to build.
 */
const ANY_CHARACTER: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }), weight: 3 },
  { arbitrary: fc.integer({ min: 0x80, max: 0x10ffff }).filter((c) => c < 0xd800 || c > 0xdfff).map((c) => String.fromCodePoint(c)), weight: 1 },
);

/**
 * URLs from cheap parts. Not fast-check's webSegment, webQueryParameters or webFragments: each
 * percent-encodes through `string({ unit: 'binary' })`, whose first use in a process maps all
 * 1.1 million code points back to indexes (about a second of CPU in every check-client worker and
 * verify process). The same shapes, with the percent-encoded characters drawn from ANY_CHARACTER.
 */
const PCHAR_PLAIN = [..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@"];
const percentEncoded = (character: string): string =>
  [...new TextEncoder().encode(character)].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('');
/** RFC 3986 §3.3 pchar, extra characters (`/`, `?` in a query or fragment) allowed. */
const uriText = (extra: readonly string[], maxLength: number): fc.Arbitrary<string> =>
  fc
    .array(
      fc.oneof(
        { weight: 10, arbitrary: fc.constantFrom(...PCHAR_PLAIN, ...extra) },
        { weight: 1, arbitrary: ANY_CHARACTER.map(percentEncoded) },
      ),
      { maxLength },
    )
    .map((parts) => parts.join(''));

const webUrl = (): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.constantFrom('https', 'http'),
      fc.domain(),
      fc.array(uriText([], 10), { maxLength: 3 }),
      fc.option(uriText(['/', '?'], 16), { nil: undefined }),
      fc.option(uriText(['/', '?'], 16), { nil: undefined }),
    )
    .map(([scheme, host, segments, query, fragment]) => `${scheme}://${host}/${segments.join('/')}${query ? `?${query}` : ''}${fragment ? `#${fragment}` : ''}`);

/**
 * RFC 3339 date-times in every legal spelling: `T` or `t`, `Z`, `z` or a numeric offset (the
 * local time shifted to match), no fraction or one of 1 to 9 digits. With `offsetOptional`, the
 * ISO 8601 local form without any offset too (ajv-formats' iso-date-time).
 */
const dateTime = (offsetOptional: boolean) => (): fc.Arbitrary<string> =>
  fc
    .record({
      instant: fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true }),
      separator: fc.constantFrom('T', 't'),
      digits: fc.integer({ min: 0, max: 9 }),
      zone: fc.oneof(
        fc.constantFrom('Z', 'z', ...(offsetOptional ? [''] : [])),
        fc.record({ hours: fc.integer({ min: -12, max: 14 }), minutes: fc.constantFrom(0, 30, 45) }).map(({ hours, minutes }) => ({ hours, minutes })),
      ),
    })
    .map(({ instant, separator, digits, zone }) => {
      const offsetMinutes = typeof zone === 'string' ? 0 : Math.sign(zone.hours || 1) * (Math.abs(zone.hours) * 60 + zone.minutes);
      const local = new Date(instant.getTime() + offsetMinutes * 60_000).toISOString();
      const fraction = digits === 0 ? '' : `.${`${local.slice(20, 23)}000000`.slice(0, digits)}`;
      const suffix = typeof zone === 'string' ? zone : `${offsetMinutes < 0 ? '-' : '+'}${String(Math.floor(Math.abs(offsetMinutes) / 60)).padStart(2, '0')}:${String(Math.abs(offsetMinutes) % 60).padStart(2, '0')}`;
      return `${local.slice(0, 10)}${separator}${local.slice(11, 19)}${fraction}${suffix}`;
    });

const FORMAT_FACTORIES: Record<string, () => fc.Arbitrary<string>> = {
  uuid: () => fc.uuid(),
  'date-time': dateTime(false),
  'iso-date-time': dateTime(true),
  uri: webUrl,
  email: () => fc.emailAddress(),
};
const formatArbitraries = new Map<string, fc.Arbitrary<string>>();

function formatArbitrary(format: string): fc.Arbitrary<string> | undefined {
  const factory = FORMAT_FACTORIES[format];
  if (!factory) return undefined;
  if (!formatArbitraries.has(format)) formatArbitraries.set(format, factory());
  return formatArbitraries.get(format);
}

function stringArbitrary(schema: JsonSchema): fc.Arbitrary<string> {
  // Documented requests use the values the page lists; undocumentedRequest goes beyond them.
  const documented = schema['x-documented-values'];
  if (Array.isArray(documented)) return fc.constantFrom(...documented.map(String));
  const pattern = typeof schema.pattern === 'string' ? new RegExp(schema.pattern) : undefined;
  if (typeof schema.format === 'string') {
    const byFormat = formatArbitrary(schema.format);
    if (!byFormat) throw new Error(`arbitraries: unsupported format "${schema.format}"`);
    return pattern ? byFormat.filter((s) => pattern.test(s)) : byFormat;
  }
  if (pattern) return fc.stringMatching(pattern);
  return fc.string({ minLength: (schema.minLength as number) ?? 0, maxLength: (schema.maxLength as number) ?? 24, unit: ANY_CHARACTER });
}
