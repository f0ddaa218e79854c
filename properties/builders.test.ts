import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildFromInput, RequestBuildError } from '../src/builders/index.js';
import { builtRequestsConform, credentialsFor, pathParametersRoundTrip } from './laws.js';
import { validate as validateDocument } from '../src/validate/index.js';
import { VENDORS, arbitrariesFor } from '../test/helpers/vendors.js';

describe.each(VENDORS)('$id builder', (vendor) => {
  it('turns any valid input into a conforming, JSON-round-tripping request', () => {
    fc.assert(builtRequestsConform(vendor, buildFromInput, validateDocument));
  });

  it('encodes any destination id into one path segment that decodes back intact', () => {
    fc.assert(pathParametersRoundTrip(vendor, buildFromInput));
  });

  it('refuses an invalid body, listing the offending pointer', () => {
    fc.assert(
      fc.property(arbitrariesFor(vendor.id).invalidRequest, (mutation) => {
        const input = { destinationId: 'd1', projectIdOrName: 'p1', body: mutation.value };
        expect(() => buildFromInput(vendor, input, credentialsFor(vendor))).toThrow(RequestBuildError);
        try {
          buildFromInput(vendor, input, credentialsFor(vendor));
        } catch (error) {
          expect((error as RequestBuildError).pointers).toContain(mutation.pointer);
        }
      }),
    );
  });

  it('puts the documented auth header on the request', () => {
    const built = buildFromInput(vendor, { destinationId: 'd1', projectIdOrName: 'p1', body: fc.sample(arbitrariesFor(vendor.id).validRequest, { numRuns: 1, seed: 7 })[0] }, credentialsFor(vendor, 'abc123'));
    expect(built.headers[vendor.auth.header]).toBe(vendor.auth.kind === 'bearer' ? 'Bearer abc123' : 'abc123');
    expect(built.headers['content-type']).toBe('application/json');
  });

  it('refuses credentials that are missing or hold white space', () => {
    const body = fc.sample(arbitrariesFor(vendor.id).validRequest, { numRuns: 1, seed: 7 })[0];
    const input = { destinationId: 'd1', projectIdOrName: 'p1', body };
    expect(() => buildFromInput(vendor, input, {})).toThrow(/is required/);
    expect(() => buildFromInput(vendor, input, credentialsFor(vendor, 'a b'))).toThrow(/white space/);
    expect(() => buildFromInput(vendor, input, credentialsFor(vendor, 'a\r\nX-Injected: 1'))).toThrow(/white space/);
  });
});
