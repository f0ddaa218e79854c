/**
 * fast-check arbitraries for every vendor, derived from the schemas: a schema edit changes the
 * generated payloads with no other change.
 */
import fc from 'fast-check';
import type { JsonSchema, VendorDefinition } from '../vendors/types.js';
import { arbitraryFromSchema } from './from-schema.js';
import { mutationsOf, type Mutation } from './mutations.js';
import { validate } from '../validate/index.js';
import type { EvidenceKind } from '../schemas/evidence.js';

export type { Mutation, MutationKind } from './mutations.js';
export { arbitraryFromSchema } from './from-schema.js';
export { mutationsOf } from './mutations.js';

export interface VendorArbitraries {
  readonly validRequest: fc.Arbitrary<unknown>;
  /** Responses include undocumented fields now and then, as a provider may add them. */
  readonly validResponse: fc.Arbitrary<unknown>;
  /** Responses exactly as documented, no extra field. */
  readonly documentedResponse: fc.Arbitrary<unknown>;
  /** A valid request broken in one way: the mutation says how and which pointer must fail. */
  readonly invalidRequest: fc.Arbitrary<Mutation>;
  /** A valid request taken beyond the page in one way (undocumented field or value): a warning there. */
  readonly undocumentedRequest: fc.Arbitrary<Mutation>;
  readonly validQuery?: fc.Arbitrary<unknown>;
}

const built = new WeakMap<VendorDefinition, VendorArbitraries>();

export function arbitrariesFor(vendor: VendorDefinition): VendorArbitraries {
  const existing = built.get(vendor);
  if (existing) return existing;
  const { schemas } = vendor;
  const validRequest = arbitraryFromSchema(schemas.request);
  const arbitraries: VendorArbitraries = {
    validRequest,
    validResponse: arbitraryFromSchema(schemas.response, schemas.response, { extraProperties: true }),
    documentedResponse: arbitraryFromSchema(schemas.response),
    invalidRequest: mutationArbitrary(validRequest, schemas.request, 'error', judgeRequest(vendor)),
    undocumentedRequest: mutationArbitrary(validRequest, schemas.request, 'warning', judgeRequest(vendor)),
    ...(schemas.query ? { validQuery: arbitraryFromSchema(schemas.query) } : {}),
  };
  built.set(vendor, arbitraries);
  return arbitraries;
}

/**
 * A mutated request weighs what the rule it breaks weighs (its evidence, through validate()). With
 * `only`, it is an error only when it breaks a rule of those kinds of evidence (the provider probes
 * take what the page states: a provider may accept what only vendor material or an example rules out).
 */
export function judgeRequest(vendor: VendorDefinition, only?: ReadonlySet<EvidenceKind>): (value: unknown) => Mutation['severity'] {
  return (value) => (validate(vendor, 'request', value).errors.some((e) => !only || only.has(e.evidence.kind)) ? 'error' : 'warning');
}

/**
 * One mutation of a generated document, of the wanted severity. Only the mutation drawn is judged
 * (judging means validating it): judging every mutation of every document made the property suites
 * several times slower.
 */
function mutationArbitrary(documents: fc.Arbitrary<unknown>, schema: JsonSchema, severity: Mutation['severity'], judge: (value: unknown) => Mutation['severity']): fc.Arbitrary<Mutation> {
  return documents
    .map((document) => mutationsOf(schema, document))
    .filter((mutations) => mutations.length > 0)
    .chain((mutations) => fc.constantFrom(...mutations))
    .map((mutation) => ({ ...mutation, severity: judge(mutation.value) }))
    .filter((mutation) => mutation.severity === severity);
}

/**
 * Destination ids that test a client's percent-encoding: any text, plus the characters that break
 * a naively built path (`/`, `?`, `#`, `%`, spaces, non-ASCII). `.` and `..` are left out: no
 * percent-encoding protects them from URL normalisation, so no client can send them intact.
 */
export const destinationId: fc.Arbitrary<string> = fc
  .oneof(
    fc.string({ minLength: 1, maxLength: 24, unit: 'grapheme' }),
    fc.constantFrom('a/b', 'what?x=1', 'a#b', '100%', '%2F', 'with space', 'ünïcødé-目的地', 'emoji-🚀', '+plus+', 'a;b=c'),
    fc.uuid(),
    fc.integer({ min: 1, max: 99_999_999 }).map(String),
  )
  .filter((id) => id !== '.' && id !== '..');
