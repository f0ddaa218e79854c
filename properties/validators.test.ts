import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VENDOR_IDS, arbitrariesFor, validate } from '../test/helpers/vendors.js';

describe.each(VENDOR_IDS)('%s schemas and validator', (vendor) => {
  const arbitraries = arbitrariesFor(vendor);

  test.prop([arbitraries.validRequest])('accept every generated valid request', (request) => {
    expect(validate(vendor, 'request', request).errors).toEqual([]);
  });

  test.prop([arbitraries.validResponse])('accept every generated valid response, undocumented fields included', (response) => {
    expect(validate(vendor, 'response', response).errors).toEqual([]);
  });

  test.prop([arbitraries.invalidRequest])('reject every generated mutation at its pointer', (mutation) => {
    const result = validate(vendor, 'request', mutation.value);
    expect(result.valid, `${mutation.kind}: ${mutation.description}`).toBe(false);
    expect(result.errors.map((e) => e.path)).toContain(mutation.pointer);
  });

  test.prop([arbitraries.undocumentedRequest])('accept every request beyond the docs, with a warning at its pointer', (mutation) => {
    const result = validate(vendor, 'request', mutation.value);
    expect(result.errors, `${mutation.kind}: ${mutation.description}`).toEqual([]);
    expect(result.warnings.map((w) => w.path)).toContain(mutation.pointer);
  });

  test.prop([arbitraries.invalidRequest.map((m) => m.kind)], { numRuns: 400 })('generate every kind of mutation the schema allows', (kind) => {
    expect(['dropped-required', 'wrong-type', 'outside-enum', 'not-const', 'bad-format', 'pattern-mismatch', 'exclusive-conflict']).toContain(kind);
  });
});

describe('mutations cover the rules the issue names', () => {
  const kindsOf = (vendor: (typeof VENDOR_IDS)[number]) => new Set(fc.sample(arbitrariesFor(vendor).invalidRequest, { numRuns: 600, seed: 7 }).map((m) => `${m.kind} ${m.pointer}`));
  it('a second Prequel block, an updateMask path beyond the page, a non-https Redox endpoint: warnings (their evidence is a decision)', () => {
    const beyondOf = (vendor: (typeof VENDOR_IDS)[number]) => new Set(fc.sample(arbitrariesFor(vendor).undocumentedRequest, { numRuns: 300, seed: 7 }).map((m) => `${m.kind} ${m.pointer}`));
    expect([...beyondOf('prequel')].some((k) => k === 'exclusive-conflict /destination')).toBe(true);
    expect([...kindsOf('prequel')].some((k) => k === 'exclusive-conflict /destination')).toBe(false);
    expect([...beyondOf('ampersand')].some((k) => /^undocumented-value \/updateMask\/\d+$/.test(k))).toBe(true);
    expect([...beyondOf('redox')].some((k) => k === 'pattern-mismatch /endpoint')).toBe(true);
    expect([...kindsOf('redox')].some((k) => k === 'pattern-mismatch /endpoint')).toBe(false);
  });
});
