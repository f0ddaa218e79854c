/**
 * The reference sandbox never answers outside its own schema: over generated sequences of updates
 * (documented requests, and requests beyond the docs), every 2xx body validates against the
 * response schema, and nothing is a 5xx. The sandbox's own self-check (a 500 on an invalid answer)
 * is what this property catches, so it must never fire.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFromInput } from '../src/builders/index.js';
import { documentedExample } from '../src/contracts/index.js';
import { credentialsFor } from '../src/contracts/client.js';
import { type Sandbox } from '../src/sandbox/server.js';
import { VENDOR_IDS, arbitrariesFor, getVendor, startSandbox, validate, vendorModule } from '../test/helpers/vendors.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.close();
});

describe.each(VENDOR_IDS)('%s sandbox answers', (vendorId) => {
  const vendor = getVendor(vendorId);
  const arbitraries = arbitrariesFor(vendorId);
  const body = fc.oneof({ weight: 4, arbitrary: arbitraries.validRequest }, { weight: 1, arbitrary: arbitraries.undocumentedRequest.map((m) => m.value) });
  const query = arbitraries.validQuery ?? fc.constant({});

  it('validate against the response schema after any sequence of updates', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(body, query), { minLength: 1, maxLength: 5 }), async (updates) => {
        sandbox.store.reset();
        for (const [update, parameters] of updates) {
          const input = { ...documentedExample(vendorModule(vendorId)).params, body: update, query: parameters as Record<string, boolean> };
          const built = buildFromInput(vendor, input, credentialsFor(vendor, vendorModule(vendorId).sandbox.credential));
          const search = new URLSearchParams(built.query).toString();
          const response = await fetch(`${sandbox.url}/${vendorId}${built.path}${search ? `?${search}` : ''}`, {
            method: built.method,
            headers: built.headers,
            body: JSON.stringify(built.body),
          });
          const answer = (await response.json()) as unknown;
          expect(response.status, JSON.stringify(answer)).toBeLessThan(500);
          if (response.ok) expect(validate(vendorId, 'response', answer).errors).toEqual([]);
        }
      }),
      { numRuns: 60 },
    );
  });
});
