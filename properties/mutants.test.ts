/**
 * The property suites catch real defects: each mutant below is a plausible broken implementation,
 * and the law that guards against it must find a counterexample.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildFromInput, type BuiltRequest } from '../src/builders/index.js';
import { type VendorSemantics } from '../src/semantics/types.js';
import { mergePatch } from '../src/semantics/json.js';
import { validate as validateDocument, type ValidationResult } from '../src/validate/index.js';
import { type SchemaKind, type VendorDefinition, type VendorId } from '../src/vendors/types.js';
import {
  applyingTwiceEqualsOnce,
  builtRequestsConform,
  emptyPatchChangesNothing,
  maskLeavesOtherPaths,
  mutationsFailAtTheirPointer,
  undocumentedIsWarnedAtItsPointer,
  patchKeepsUnnamedFields,
  pathParametersRoundTrip,
  putLeavesNothingBehind,
  secretsNeverReturned,
} from './laws.js';
import { AMPERSAND_MASK_PATHS } from '../src/vendors/ampersand/definition.js';
import { VENDORS, VENDOR_IDS, getVendor, semanticsOf, vendorModule } from '../test/helpers/vendors.js';

function expectCounterexample<T extends unknown[]>(property: fc.IProperty<T>): void {
  const result = fc.check(property);
  expect(result.failed, 'the law accepted a broken implementation').toBe(true);
}

/** A validator that forgot one kind of rule. */
function validatorIgnoring(keyword: string) {
  return (vendor: VendorDefinition, kind: SchemaKind, data: unknown): ValidationResult => {
    const result = validateDocument(vendor, kind, data);
    const errors = result.errors.filter((e) => e.keyword !== keyword);
    return { valid: errors.length === 0, errors, warnings: result.warnings.filter((w) => w.keyword !== keyword) };
  };
}

describe('mutant validators are caught', () => {
  it.each(VENDOR_IDS)('%s: one that lets unknown fields through without a warning', (vendor) => {
    expectCounterexample(undocumentedIsWarnedAtItsPointer(getVendor(vendor), validatorIgnoring('additionalProperties')));
  });
  it.each(VENDOR_IDS)('%s: one that refuses an undocumented field as an error', (vendor) => {
    const strictValidator = (v: VendorDefinition, kind: SchemaKind, data: unknown): ValidationResult => {
      const result = validateDocument(v, kind, data);
      return { valid: result.valid && result.warnings.length === 0, errors: [...result.errors, ...result.warnings], warnings: [] };
    };
    expectCounterexample(undocumentedIsWarnedAtItsPointer(getVendor(vendor), strictValidator));
  });
  // Ampersand's URLs are plain strings (its public OpenAPI declares no format).
  it.each(['prequel', 'redox'] as const)('%s: one that skips formats', (vendor) => {
    expectCounterexample(mutationsFailAtTheirPointer(getVendor(vendor), validatorIgnoring('format')));
  });
  it.each(VENDOR_IDS)('%s: one that does not check types', (vendor) => {
    expectCounterexample(mutationsFailAtTheirPointer(getVendor(vendor), validatorIgnoring('type')));
  });
  // Redox's request has no required field.
  it.each(['streamkap', 'stitch', 'prequel', 'ampersand'] as const)('%s: one that never reports a missing required field', (vendor) => {
    expectCounterexample(mutationsFailAtTheirPointer(getVendor(vendor), validatorIgnoring('required')));
  });
  // "One block per request" is the project's reading (x-evidence: decision): a warning, still reported.
  it('prequel: one that says nothing of two vendor blocks', () => {
    expectCounterexample(undocumentedIsWarnedAtItsPointer(getVendor('prequel'), validatorIgnoring('not')));
  });
  it('ampersand: one that says nothing of an updateMask path outside the page\'s list', () => {
    expectCounterexample(undocumentedIsWarnedAtItsPointer(getVendor('ampersand'), validatorIgnoring('x-documented-values')));
  });
  // A request does not carry the environment that "must use HTTPS" depends on: a warning there.
  it('redox: one that says nothing of a non-https endpoint in a request', () => {
    expectCounterexample(undocumentedIsWarnedAtItsPointer(getVendor('redox'), validatorIgnoring('pattern')));
  });
});

describe('mutant builders are caught', () => {
  it.each(VENDORS)('$id: one that uses encodeURI for path parameters', (vendor) => {
    const build = (v: typeof vendor, input: Parameters<typeof buildFromInput>[1], credentials: Parameters<typeof buildFromInput>[2]): BuiltRequest => {
      const built = buildFromInput(v, input, credentials);
      const path = v.pathTemplate.replace(/\{(\w+)\}/g, (_, name: string) => encodeURI(String(input[v.pathParameters.find((p) => p.name === name)!.inputKey])));
      return { ...built, path };
    };
    expectCounterexample(pathParametersRoundTrip(vendor, build));
  });
  it.each(VENDORS.filter((v) => v.method === 'PATCH'))('$id: one that always sends PUT', (vendor) => {
    const build = (...args: Parameters<typeof buildFromInput>): BuiltRequest => ({ ...buildFromInput(...args), method: 'PUT' });
    expectCounterexample(builtRequestsConform(vendor, build, validateDocument));
  });
  it('one that drops empty objects from the body', () => {
    const build = (...args: Parameters<typeof buildFromInput>): BuiltRequest => {
      const built = buildFromInput(...args);
      return { ...built, body: JSON.parse(JSON.stringify(built.body, (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0 ? undefined : v))) as unknown };
    };
    expectCounterexample(builtRequestsConform(getVendor('streamkap'), build, validateDocument));
  });
});

describe('mutant semantics are caught', () => {
  const mutant = (vendor: VendorId, changes: Partial<VendorSemantics>): VendorSemantics => ({ ...semanticsOf(vendor), ...changes });

  it('a Prequel PATCH that replaces instead of merging', () => {
    const broken = mutant('prequel', { apply: (state, { body }) => ({ id: state.id, ...(body as { destination: object }).destination }) });
    expectCounterexample(patchKeepsUnnamedFields(vendorModule('prequel'), broken, (b) => (b as { destination: unknown }).destination, ['updated_at']));
  });
  it('a Redox PATCH that clears the fields it was not sent', () => {
    const broken = mutant('redox', { apply: (state, { body }) => ({ id: state.id, environment: state.environment, ...(body as object) }) });
    expectCounterexample(patchKeepsUnnamedFields(vendorModule('redox'), broken, (b) => b, []));
  });
  it('a Streamkap PUT that merges config instead of replacing it', () => {
    const broken = mutant('streamkap', { apply: (state, { body }) => mergePatch(state, body) as Record<string, unknown> });
    expectCounterexample(putLeavesNothingBehind(vendorModule('streamkap'), broken));
  });
  it('an Ampersand update that ignores updateMask', () => {
    const broken = mutant('ampersand', { apply: (state, { body }) => mergePatch(state, (body as { destination: object }).destination) as Record<string, unknown> });
    expectCounterexample(maskLeavesOtherPaths(vendorModule('ampersand'), broken, AMPERSAND_MASK_PATHS));
  });
  it('an update that is not idempotent (appends to a list)', () => {
    const broken = mutant('stitch', { apply: (state, request, now) => ({ ...semanticsOf('stitch').apply(state, request, now), history: [...((state.history as unknown[]) ?? []), now] }) });
    expectCounterexample(applyingTwiceEqualsOnce(vendorModule('stitch'), broken));
  });
  it('an empty PATCH that still bumps the timestamp', () => {
    const broken = mutant('prequel', { apply: (state, request, now) => ({ ...semanticsOf('prequel').apply(state, request, now), updated_at: now }) });
    expectCounterexample(emptyPatchChangesNothing(vendorModule('prequel'), broken, { destination: {} }));
  });
  it.each(['prequel', 'ampersand', 'redox'] as const)('%s: a response that forgets to redact secrets', (vendor) => {
    const broken = mutant(vendor, { present: (state, request) => ({ shown: semanticsOf(vendor).present(state, request), stored: state }) });
    expectCounterexample(secretsNeverReturned(vendorModule(vendor), broken));
  });
  it('streamkap: a response that ignores secret_returned=false', () => {
    const broken = mutant('streamkap', { present: (state, request) => semanticsOf('streamkap').present(state, { ...request, query: { secret_returned: true } }) });
    expectCounterexample(secretsNeverReturned(vendorModule('streamkap'), broken, { secret_returned: false }));
  });
});
