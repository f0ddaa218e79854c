import { describe, expect, it } from 'vitest';
import { MASKED_SECRET } from '../src/vendors/streamkap/semantics.js';
import { mergePatch } from '../src/semantics/json.js';
import { type UpdateRequest } from '../src/semantics/types.js';
import type { SandboxOverrides } from '../src/sandbox/types.js';
import type { VendorId } from '../src/vendors/types.js';
import { semanticsOf, verify } from './helpers/vendors.js';

const failuresOf = async (vendor: VendorId, overrides: SandboxOverrides, selfCheck = false) => {
  const report = await verify({ vendors: [vendor], sandbox: { overrides, selfCheck } });
  return report.results.filter((r) => r.status === 'failed').map((r) => `${r.name}: ${r.message}`);
};

describe('verify against the bundled sandbox', () => {
  it('passes every pact interaction and probe for all five vendors', async () => {
    const report = await verify({ vendors: ['streamkap', 'stitch', 'prequel', 'ampersand', 'redox'] });
    expect(report.results.filter((r) => r.status !== 'passed')).toEqual([]);
    expect(report.results.filter((r) => r.name.startsWith('pact: '))).toHaveLength(28);
    expect(report.results.filter((r) => r.name.startsWith('probe: ')).length).toBeGreaterThanOrEqual(24);
  }, 60_000);
});

/**
 * Mutant providers: the sandbox with one deviation each. Every one must be rejected with a message
 * that names what it got wrong.
 */
describe('verify rejects mutant providers', () => {
  it.concurrent('a wrong success status code', async () => {
    const failures = await failuresOf('stitch', { stitch: { successStatus: 201 } });
    expect(failures.join('\n')).toMatch(/expected 200 but was 201/);
  });

  it.concurrent('a missing required response field', async () => {
    const present = semanticsOf('ampersand').present;
    const failures = await failuresOf('ampersand', { ampersand: { semantics: { ...semanticsOf('ampersand'), present: (s, r) => { const { createTime: _c, ...rest } = present(s, r) as Record<string, unknown>; return rest; } } } });
    expect(failures.join('\n')).toMatch(/\/createTime: is required but missing/);
  });

  it.concurrent('a wrong field type', async () => {
    const failures = await failuresOf('stitch', { stitch: { semantics: { ...semanticsOf('stitch'), present: (s) => ({ ...s, id: String(s.id) }) } } });
    expect(failures.join('\n')).toMatch(/\/id: must be integer, got string/);
  });

  it.concurrent('a leaked secret (secret_returned ignored)', async () => {
    const failures = await failuresOf('streamkap', { streamkap: { semantics: { ...semanticsOf('streamkap'), present: (s, r) => semanticsOf('streamkap').present(s, { ...r, query: { ...r.query, secret_returned: true } }) } } });
    expect(failures.join('\n')).toMatch(/secret config value was echoed although secret_returned=false/);
    expect(MASKED_SECRET).toBe('********');
  });

  it.concurrent('an ignored updateMask', async () => {
    const failures = await failuresOf('ampersand', { ampersand: { semantics: { ...semanticsOf('ampersand'), apply: (s, { body }) => mergePatch(s, (body as { destination: object }).destination) as Record<string, unknown> } } });
    expect(failures.join('\n')).toMatch(/updateMask was ignored/);
  });

  it.concurrent('no auth check', async () => {
    const failures = await failuresOf('redox', { redox: { authenticate: () => true } });
    expect(failures.join('\n')).toMatch(/without credentials was answered HTTP 200, expected 401 or 403/);
    expect(failures.join('\n')).toMatch(/wrong credential: Expected status code 200 to be a 401, 403/);
  });

  it.concurrent('an invalid body accepted', async () => {
    const failures = await failuresOf('prequel', { prequel: { validateBody: () => [] } });
    expect(failures.join('\n')).toMatch(/an invalid body \(misses the required destination\) was answered HTTP/);
  });

  it.concurrent('a PUT that merges', async () => {
    const failures = await failuresOf('streamkap', { streamkap: { semantics: { ...semanticsOf('streamkap'), apply: (s, { body }) => mergePatch(s, body) as Record<string, unknown> } } });
    expect(failures.join('\n')).toMatch(/PUT merged: config still holds the old value of snowflake\.url\.name/);
  });

  it.concurrent('a PATCH that drops the fields it did not name', async () => {
    const failures = await failuresOf('redox', { redox: { semantics: { ...semanticsOf('redox'), apply: (s, { body }) => ({ id: s.id, environment: s.environment, ...(body as object) }) } } });
    expect(failures.join('\n')).toMatch(/PATCH dropped or changed endpoint/);
  });
}, 120_000);

describe('verify against a provider base URL', () => {
  it('reports a vendor without configuration as skipped, never passed', async () => {
    const report = await verify({ vendors: ['stitch'], baseUrl: 'http://127.0.0.1:9', env: {} });
    expect(report.results).toEqual([expect.objectContaining({ vendor: 'stitch', status: 'skipped', message: expect.stringContaining('DESTCONF_STITCH_TOKEN') })]);
  });

  it('reports an unreachable provider once, as such, without hanging', async () => {
    const report = await verify({ vendors: ['redox'], baseUrl: 'http://127.0.0.1:9', timeoutMs: 500, env: { DESTCONF_REDOX_TOKEN: 't0ken-xyz', DESTCONF_REDOX_DESTINATION_ID: 'd' } });
    expect(report.results).toEqual([expect.objectContaining({ status: 'failed', message: expect.stringMatching(/^cannot reach http:\/\/127\.0\.0\.1:9: /) })]);
    expect(JSON.stringify(report.results)).not.toContain('t0ken-xyz');
  }, 60_000);
});

describe('verify and drift', () => {
  const withExtraField = { redox: { semantics: { ...semanticsOf('redox'), present: (s: Record<string, unknown>, r: UpdateRequest) => ({ ...(semanticsOf('redox').present(s, r) as object), traceId: 'abc' }) } } };

  it('reports undocumented response fields as drift, passing without --strict', async () => {
    const report = await verify({ vendors: ['redox'], sandbox: { overrides: withExtraField } });
    expect(report.results.filter((r) => r.status === 'failed')).toEqual([]);
    expect(report.results.flatMap((r) => r.drift ?? []).map((d) => d.path)).toContain('/traceId');
  });

  it('fails on drift with --strict', async () => {
    const report = await verify({ vendors: ['redox'], strict: true, sandbox: { overrides: withExtraField } });
    const failed = report.results.filter((r) => r.status === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.message).toMatch(/undocumented fields \(drift\): \/traceId \(on \d+ 2xx answers\) \(a warning, failing under --strict\)/);
  });
});
