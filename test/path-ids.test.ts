/**
 * Configured ids are one path segment each (issue #25 item 8): an id such as
 * `../../../stitch/v3/destinations/86741` must never send the Redox token to Stitch's endpoint, in
 * the pact replay as in the probes.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandPath } from '../src/builders/core.js';
import { replayHooks, verifyPacts } from '../src/verify/pact-verification.js';
import { observingProxy } from '../src/verify/observing-proxy.js';
import { pactFileFor } from '../src/verify/index.js';
import { fromRoot } from '../src/util/paths.js';
import { liveTarget, type VerifyTarget } from '../src/verify/targets.js';
import { getVendor, vendorModule } from './helpers/vendors.js';

const HOSTILE_IDS = ['../../../stitch/v3/destinations/86741', '1?x=1#y', '%2e%2e%2fstitch', 'a/b'];

const seen: string[] = [];
const server = createServer((req, res) => {
  seen.push(req.url ?? '');
  res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
});
let origin = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('a configured id stays one path segment', () => {
  it.each(['.', '..', ' .. '])('an id of %j is refused where it is configured (URLs remove dot-segments in every spelling)', (id) => {
    expect(() => liveTarget(vendorModule('redox'), origin, { DESTCONF_REDOX_TOKEN: 'k'.repeat(32), DESTCONF_REDOX_DESTINATION_ID: id })).toThrow(/dot-segment/);
  });

  it('the probes put it in the documented path only', () => {
    const path = expandPath(getVendor('redox'), { destinationId: HOSTILE_IDS[0]! });
    expect(new URL(`${origin}/redox${path}`).pathname).toMatch(/^\/redox\/platform\/v1\/destinations\/[^/]+$/);
  });

  it('the pact replay sends every interaction to the documented path of the configured origin', async () => {
    seen.length = 0;
    const vendor = getVendor('redox');
    const provider = { providerName: vendor.providerName, auth: vendor.auth };
    // As verify replays: through the observing proxy, which holds the credential and the ids (the provider states).
    const proxies = await Promise.all(HOSTILE_IDS.map((destinationId) => {
      const target: VerifyTarget = { vendor: 'redox', module: vendorModule('redox'), baseUrl: `${origin}/redox`, credential: 'a'.repeat(32), ids: { destinationId }, live: true };
      return observingProxy(target.baseUrl, 5000, replayHooks(target, provider), () => undefined);
    }));
    const jobs = proxies.map((proxy) => ({ target: { vendor: 'redox', baseUrl: proxy.baseUrl, providerStatesSetupUrl: proxy.stateUrl }, provider, source: { file: pactFileFor(vendor, fromRoot('contracts/pacts')) }, timeoutMs: 5000 }));
    try {
      await verifyPacts(jobs);
    } finally {
      await Promise.all(proxies.map((proxy) => proxy.close()));
    }
    expect(seen.length).toBeGreaterThanOrEqual(jobs.length);
    for (const url of seen) expect(new URL(url, origin).pathname).toMatch(/^\/redox\/platform\/v1\/destinations\/[^/]+$/);
  }, 60_000);
});
