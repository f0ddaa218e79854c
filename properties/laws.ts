/**
 * The property laws, as factories over the implementation under test. The suites run them on the
 * real validator, builders and semantics; properties/mutants.test.ts runs them on deliberately
 * broken ones and asserts that they fail.
 */
import fc from 'fast-check';
import { arbitrariesFor, destinationId } from '../src/arbitraries/index.js';
import type { BuiltRequest, Credentials, UpdateInput } from '../src/builders/index.js';
import { isRecord as isObject, pointerSegments, secretPointers } from '../src/schemas/walk.js';
import { deepEqual, withPath } from '../src/semantics/json.js';
import type { VendorSemantics } from '../src/semantics/types.js';
import type { ValidationResult } from '../src/validate/index.js';
import type { SchemaKind, VendorDefinition, VendorModule } from '../src/vendors/types.js';

type Validate = (vendor: VendorDefinition, kind: SchemaKind, data: unknown) => ValidationResult;
type Build = (vendor: VendorDefinition, input: UpdateInput, credentials: Credentials) => BuiltRequest;
type State = Record<string, unknown>;

export const NOW = '2026-11-23T10:00:00.000Z';
export const LATER = '2026-11-23T11:00:00.000Z';

export function stateArbitrary(vendor: VendorModule): fc.Arbitrary<State> {
  return arbitrariesFor(vendor.definition).documentedResponse.map((r) => vendor.semantics.stateOf(r));
}

export function credentialsFor(vendor: VendorDefinition, secret = 'test-secret-0001'): Credentials {
  return vendor.auth.kind === 'bearer' ? { token: secret } : { apiKey: secret };
}

export function inputArbitrary(vendor: VendorDefinition): fc.Arbitrary<UpdateInput> {
  const arbitraries = arbitrariesFor(vendor);
  const ids = Object.fromEntries(vendor.pathParameters.map((p) => [p.inputKey, destinationId]));
  return fc.record({
    ...ids,
    body: arbitraries.validRequest,
    ...(arbitraries.validQuery ? { query: arbitraries.validQuery as fc.Arbitrary<Record<string, boolean>> } : {}),
  }) as fc.Arbitrary<UpdateInput>;
}

// ---- validators ----

export function validDocumentsPass(vendor: VendorDefinition, validate: Validate): fc.IPropertyWithHooks<[unknown, unknown]> {
  const a = arbitrariesFor(vendor);
  return fc.property(a.validRequest, a.validResponse, (request, response) => {
    const req = validate(vendor, 'request', request);
    const res = validate(vendor, 'response', response);
    if (!req.valid) throw new Error(`valid request rejected: ${req.errors.map((e) => e.message).join('; ')}`);
    if (!res.valid) throw new Error(`valid response rejected: ${res.errors.map((e) => e.message).join('; ')}`);
  });
}

export function mutationsFailAtTheirPointer(vendor: VendorDefinition, validate: Validate) {
  return fc.property(arbitrariesFor(vendor).invalidRequest, (mutation) => {
    const result = validate(vendor, 'request', mutation.value);
    if (result.valid) throw new Error(`${mutation.kind} accepted: ${mutation.description}`);
    if (!result.errors.some((e) => e.path === mutation.pointer)) {
      throw new Error(`${mutation.kind} at ${mutation.pointer} not reported; got ${result.errors.map((e) => e.path).join(', ')}`);
    }
  });
}

/** Beyond the page is not against it: such a request stays valid, with a warning at its pointer. */
export function undocumentedIsWarnedAtItsPointer(vendor: VendorDefinition, validate: Validate) {
  return fc.property(arbitrariesFor(vendor).undocumentedRequest, (mutation) => {
    const result = validate(vendor, 'request', mutation.value);
    if (!result.valid) throw new Error(`${mutation.kind} refused as an error: ${result.errors.map((e) => e.message).join('; ')}`);
    if (!result.warnings.some((w) => w.path === mutation.pointer)) {
      throw new Error(`${mutation.kind} at ${mutation.pointer} not warned; got ${result.warnings.map((w) => w.path).join(', ') || 'no warning'}`);
    }
  });
}

// ---- builders ----

export function builtRequestsConform(vendor: VendorDefinition, build: Build, validate: Validate) {
  return fc.property(inputArbitrary(vendor), (input) => {
    const built = build(vendor, input, credentialsFor(vendor));
    if (built.method !== vendor.method) throw new Error(`method ${built.method}`);
    if (!validate(vendor, 'request', built.body).valid) throw new Error('built body is not schema-valid');
    if (!deepEqual(JSON.parse(JSON.stringify(built)), built)) throw new Error('does not survive JSON round trip');
    if (!deepEqual(built.body, input.body)) throw new Error('body differs from the input');
  });
}

/** Every path parameter is percent-encoded into exactly one segment and decodes back intact. */
export function pathParametersRoundTrip(vendor: VendorDefinition, build: Build) {
  return fc.property(inputArbitrary(vendor), (input) => {
    const built = build(vendor, input, credentialsFor(vendor));
    const template = vendor.pathTemplate.split('/');
    const segments = built.path.split('/');
    if (segments.length !== template.length) throw new Error(`path ${built.path} has ${segments.length} segments, expected ${template.length}`);
    template.forEach((part, i) => {
      const match = /^\{(\w+)\}$/.exec(part);
      const segment = segments[i]!;
      if (!match) {
        if (segment !== part) throw new Error(`segment ${i} is ${segment}, expected ${part}`);
        return;
      }
      if (/[?#\s]/.test(segment) || /%(?![0-9A-F]{2})/.test(segment)) throw new Error(`segment ${segment} is not percent-encoded`);
      const parameter = vendor.pathParameters.find((p) => p.name === match[1])!;
      if (decodeURIComponent(segment) !== input[parameter.inputKey]) throw new Error(`segment ${segment} does not decode to ${String(input[parameter.inputKey])}`);
    });
  });
}

// ---- semantics ----

export function applyingTwiceEqualsOnce(vendor: VendorModule, semantics: VendorSemantics) {
  return fc.property(stateArbitrary(vendor), arbitrariesFor(vendor.definition).validRequest, (state, body) => {
    const once = semantics.apply(state, { body }, NOW);
    const twice = semantics.apply(once, { body }, LATER);
    if (!deepEqual(once, twice)) throw new Error('a second identical update changed the state');
  });
}

export function emptyPatchChangesNothing(vendor: VendorModule, semantics: VendorSemantics, emptyBody: unknown) {
  return fc.property(stateArbitrary(vendor), (state) => {
    if (!deepEqual(semantics.apply(state, { body: emptyBody }, NOW), state)) throw new Error('an empty update changed the state');
  });
}

/** A merging PATCH keeps every field it does not name, at any depth. */
export function patchKeepsUnnamedFields(
  vendor: VendorModule,
  semantics: VendorSemantics,
  patchOf: (body: unknown) => unknown,
  ignore: readonly string[],
  applies: (state: State, body: unknown) => boolean = () => true,
) {
  return fc.property(stateArbitrary(vendor), arbitrariesFor(vendor.definition).validRequest, (state, body) => {
    fc.pre(applies(state, body));
    const after = semantics.apply(state, { body }, NOW);
    assertUnnamedKept(state, patchOf(body), after, '', ignore);
  });
}

function assertUnnamedKept(before: unknown, patch: unknown, after: unknown, at: string, ignore: readonly string[]): void {
  if (!isObject(before)) return;
  for (const [key, value] of Object.entries(before)) {
    if (ignore.includes(key) && at === '') continue;
    const afterValue = isObject(after) ? after[key] : undefined;
    if (!isObject(patch) || !Object.hasOwn(patch, key)) {
      if (!deepEqual(afterValue, value)) throw new Error(`unnamed field ${at}/${key} changed`);
    } else if (isObject(value) && isObject(patch[key])) {
      assertUnnamedKept(value, patch[key], afterValue, `${at}/${key}`, []);
    }
  }
}

/**
 * An update mask (`{ updateMask, destination }`) naming every allowed path gives the state with
 * exactly those paths replaced (the update timestamp aside).
 */
export function fullMaskReplacesThosePaths(vendor: VendorModule, semantics: VendorSemantics, allPaths: readonly string[]) {
  const updated = vendor.definition.timestamps?.updated;
  return fc.property(stateArbitrary(vendor), arbitrariesFor(vendor.definition).validRequest, (state, body) => {
    const { destination } = body as { destination: Record<string, unknown> };
    const after = semantics.apply(state, { body: { updateMask: allPaths, destination } }, NOW);
    let expected: State = state;
    for (const path of allPaths) {
      const keys = path.split('.');
      let source: unknown = destination;
      for (const k of keys) source = isObject(source) && Object.hasOwn(source, k) ? source[k] : undefined;
      expected = withPath(expected, keys, source);
    }
    const withoutUpdated = (s: State): State => Object.fromEntries(Object.entries(s).filter(([key]) => key !== updated));
    if (!deepEqual(withoutUpdated(after), withoutUpdated(expected))) throw new Error('a full mask did not replace exactly the masked paths');
  });
}

/** With an update mask, the paths it does not name keep their value. */
export function maskLeavesOtherPaths(vendor: VendorModule, semantics: VendorSemantics, allPaths: readonly string[]) {
  return fc.property(stateArbitrary(vendor), arbitrariesFor(vendor.definition).validRequest, (state, body) => {
    const { updateMask } = body as { updateMask: string[] };
    const after = semantics.apply(state, { body }, NOW);
    for (const path of allPaths.filter((p) => !updateMask.includes(p))) {
      const keys = path.split('.');
      const read = (s: unknown) => keys.reduce<unknown>((n, k) => (isObject(n) && Object.hasOwn(n, k) ? n[k] : undefined), s);
      if (!deepEqual(read(after), read(state))) throw new Error(`unmasked path ${path} changed`);
    }
  });
}

/** After a PUT the described fields are exactly the body's. */
export function putLeavesNothingBehind(vendor: VendorModule, semantics: VendorSemantics) {
  return fc.property(stateArbitrary(vendor), arbitrariesFor(vendor.definition).validRequest, (state, body) => {
    const after = semantics.apply(state, { body }, NOW);
    for (const [key, value] of Object.entries(body as State)) {
      if (!deepEqual(after[key], value)) throw new Error(`${key} is not the PUT body's value`);
    }
  });
}

// ---- secrets ----

const secretValue = fc.stringMatching(/^[A-Za-z0-9]{20,32}$/).map((s) => `s3cr3t-${s}`);

/**
 * Whether the generated requests of a vendor carry a secret often enough for secretsNeverReturned
 * to judge (a schema whose only secret sits in a rare branch gives none): a law that could only
 * pass vacuously is left out rather than reported passed.
 */
export function requestsCarrySecrets(vendor: VendorDefinition): boolean {
  const definition = vendor;
  if (definition.isSecretOpenKey) return true;
  const sample = fc.sample(arbitrariesFor(vendor).validRequest, { numRuns: 50, seed: 1 });
  return sample.filter((body) => secretPointers(definition.schemas.request, body, definition.isSecretOpenKey).length > 0).length >= sample.length / 5;
}

/**
 * A random secret placed in every secret field of an update never appears in the response.
 * Where the schema cannot mark one (an open object, `isSecretOpenKey`), a secret is planted too.
 */
export function secretsNeverReturned(vendor: VendorModule, semantics: VendorSemantics, query: Record<string, unknown> = {}) {
  const definition = vendor.definition;
  return fc.property(stateArbitrary(vendor), arbitrariesFor(vendor.definition).validRequest, secretValue, (state, generated, secret) => {
    let body = generated as State;
    if (definition.isSecretOpenKey) body = withPath(body, ['config', 'database.password'], secret);
    const pointers = secretPointers(definition.schemas.request, body, definition.isSecretOpenKey);
    fc.pre(pointers.length > 0);
    for (const pointer of pointers) body = withPath(body, pointerSegments(pointer), secret);
    const shown = JSON.stringify(semantics.present(semantics.apply(state, { body, query }, NOW), { body, query }));
    if (shown.includes(secret)) throw new Error(`secret leaked into the response: ${pointers.join(', ')}`);
  });
}

