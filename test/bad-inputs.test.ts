import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Redactor } from '../src/util/redact.js';
import { runProbes } from '../src/verify/index.js';
import { LAWS, probeContext } from '../suites/provider/probe.js';
import type { VerifyTarget } from '../src/verify/targets.js';
import type { CheckResult } from '../src/report/types.js';
import { adapterCases } from './bad-inputs/adapter-cases.js';
import { PROVIDER_CASES } from './bad-inputs/provider-cases.js';
import { validateCases } from './bad-inputs/validate-cases.js';
import { destconf, destconfInProcess, ROOT } from './helpers/cli.js';
import { vendorModule, verify } from './helpers/vendors.js';

const dir = mkdtempSync(join(tmpdir(), 'destconf-bad-inputs-'));
const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
const heapBefore = process.memoryUsage().heapUsed;

function expectNoPollution(): void {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
  expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
}

const cases = validateCases();

describe('bad input corpus', () => {
  it('holds at least 200 cases', () => {
    expect(cases.length + adapterCases('x').length + PROVIDER_CASES.length).toBeGreaterThanOrEqual(200);
  });
});

describe('validate on bad documents', () => {
  cases.forEach((c, i) => {
    it(c.name, async () => {
      const file = join(dir, `case-${i}.json`);
      writeFileSync(file, c.content);
      const result = await destconfInProcess(['validate', '--vendor', c.vendor, '--kind', c.kind ?? 'request', file]);
      expect(c.exits, `exit ${result.code}: ${result.err}${result.out.slice(0, 200)}`).toContain(result.code);
      if (result.code === 2) {
        expect(result.err.trimEnd().split('\n')).toHaveLength(1);
        expect(result.err).toMatch(/^destconf: /);
        if (c.reason) expect(result.err).toMatch(c.reason);
      }
      expect(result.err + result.out).not.toMatch(/\n\s+at \S+ \(/);
      expectNoPollution();
    });
  });

  it('refuses a 50 MB document without reading it into memory', async () => {
    const file = join(dir, 'big.json');
    writeFileSync(file, `{"name":"${'x'.repeat(50 * 1024 * 1024)}"}`);
    const before = process.memoryUsage().heapUsed;
    const result = await destconfInProcess(['validate', '--vendor', 'redox', file]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/larger than 32 MiB/);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(20 * 1024 * 1024);
  });

  it('behaves the same through a real process (stdin, exit codes, one line)', async () => {
    for (const c of [cases[0]!, cases.find((x) => x.name.startsWith('invalid UTF-8'))!, cases.find((x) => x.name.startsWith('10,000-deep objects'))!]) {
      const result = await destconf(['validate', '--vendor', c.vendor, '-'], { input: c.content });
      expect(c.exits).toContain(result.code);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  afterAll(() => {
    expectNoPollution();
    // Hundreds of documents (some of 10,000 levels) leave the heap bounded.
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(200 * 1024 * 1024);
  });
});

describe('check-client on bad adapters', () => {
  const referenceAdapter = join(ROOT, 'examples/reference-client/adapter.mjs');
  for (const [i, c] of adapterCases(referenceAdapter).entries()) {
    it.concurrent(c.name, async () => {
      const caseDir = mkdtempSync(join(dir, `adapter-${i}-`));
      const file = join(caseDir, c.file);
      writeFileSync(file, c.source);
      const result = await destconf(['check-client', '--adapter', file, '--vendor', 'redox', '--runs', '3', '--timeout-ms', '300', '--reports', join(caseDir, 'reports')]);
      expect(result.code, result.stdout.slice(-400) + result.stderr).toBe(c.exit);
      if (c.exit === 2) {
        expect(result.stderr.trim().split('\n')).toHaveLength(1);
        expect(result.stderr).toMatch(/^destconf: /);
      }
      expect(result.stdout + result.stderr).toMatch(c.reason);
      expect(result.stdout + result.stderr).not.toMatch(/\n\s+at \S+ \(/);
    });
  }
});

describe('verify on bad provider answers', () => {
  async function badProvider(c: (typeof PROVIDER_CASES)[number]) {
    const body = typeof c.body === 'function' ? c.body() : c.body;
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(c.status, { 'content-type': c.contentType, ...(c.status === 301 ? { location: '/elsewhere' } : {}) });
        res.end(c.status === 204 ? undefined : body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }) };
  }

  for (const c of PROVIDER_CASES) {
    it.concurrent(`${c.name}: failed checks with a message, no false pass`, async () => {
      const provider = await badProvider(c);
      try {
        // Vendors whose responses have required fields: nothing these answers hold can pass their schema.
        for (const vendor of ['stitch', 'prequel'] as const) {
          const target: VerifyTarget = { vendor, module: vendorModule(vendor), baseUrl: provider.url, credential: 'bad-input-token-1234', ids: { destinationId: 'd1' }, live: false };
          const results: CheckResult[] = [];
          // As verify does: every result passes through the redactor (which also bounds its depth).
          const redactor = new Redactor().add('bad-input-token-1234');
          const context = probeContext(target, { strict: false, timeoutMs: 2000, redactor });
          await runProbes(target, { strict: false, timeoutMs: 2000, redactor }, (r) => results.push(redactor.value(r)), context);
          // Every 2xx answer is judged by the law: none of these can pass; without a 2xx there is nothing to judge.
          const answersLaw = context.lawResults().find((law) => law.name === LAWS.answers)!;
          expect(answersLaw.status).toBe(c.status >= 200 && c.status < 300 ? 'failed' : 'skipped');
          results.push(...context.lawResults().map((law) => redactor.value({ vendor, step: 'verify', name: law.name, status: law.status, durationMs: 0, message: law.message }) as CheckResult));
          for (const failure of results.filter((r) => r.status === 'failed')) expect(failure.message).toBeTruthy();
          expect(JSON.stringify(results)).not.toContain('bad-input-token-1234');
        }
        expectNoPollution();
      } finally {
        await provider.close();
      }
    });
  }

  it('gives a per-interaction verdict from the Pact verifier too', async () => {
    const provider = await badProvider(PROVIDER_CASES[1]!);
    try {
      const report = await verify({ vendors: ['redox'], baseUrl: provider.url, timeoutMs: 2000, allowOverwrite: true, env: { DESTCONF_REDOX_TOKEN: 'tok-bad-99', DESTCONF_REDOX_DESTINATION_ID: 'd1' } });
      const pacts = report.results.filter((r) => r.name.startsWith('pact: '));
      expect(pacts.length).toBe(6);
      expect(pacts.filter((r) => r.status === 'passed').map((r) => r.name)).toEqual([]);
      expect(JSON.stringify(report.results)).not.toContain('tok-bad-99');
    } finally {
      await provider.close();
    }
  });
});
