import { describe, expect, it } from 'vitest';
import type { SandboxFaults } from '../src/sandbox/types.js';
import { destconf } from './helpers/cli.js';
import { mutantAdapter } from './helpers/mutant-clients.js';
import { verify } from './helpers/vendors.js';

/**
 * verify against providers that time out, reset, answer 5xx, truncate or drip: a verdict for the
 * vendor in bounded time (a provider that stops answering is given up on after two failures in a
 * row, not waited for once per check), no hang and no false pass.
 */
const FAULTS: [string, SandboxFaults, 'answers' | 'gives up'][] = [
  ['a provider slower than the timeout', { latencyMs: 1500 }, 'gives up'],
  ['a provider that resets the connection', { reset: true }, 'gives up'],
  ['a provider that answers 503', { status: 503 }, 'answers'],
  ['a provider that truncates its JSON', { truncate: true }, 'gives up'],
  ['a provider that drips its answer', { dripMs: 40 }, 'gives up'],
];

describe('verify under provider faults', () => {
  for (const [name, faults, kind] of FAULTS) {
    it.concurrent(`${name}: a verdict for the vendor, in bounded time`, async () => {
      const started = performance.now();
      const report = await verify({ vendors: ['stitch'], sandbox: { faults }, timeoutMs: 500 });
      const elapsed = performance.now() - started;
      const pacts = report.results.filter((r) => r.name.startsWith('pact: '));
      if (kind === 'answers') expect(pacts).toHaveLength(5);
      else {
        expect(pacts).toEqual([expect.objectContaining({ status: 'skipped', message: expect.stringMatching(/^not replayed: the provider stopped answering/) })]);
        expect(report.results.some((r) => /cannot reach the provider: .*not asked again after 2 failures in a row/.test(r.message ?? ''))).toBe(true);
        expect(elapsed).toBeLessThan(10_000);
      }
      // Every answer meets the fault (a 503 refuses neither missing credentials nor a bad body):
      // no check passes by luck. A law holds only on answers it saw, and says how many.
      const passed = report.results.filter((r) => r.status === 'passed');
      expect(passed.filter((r) => !r.name.startsWith('law: ')).map((r) => r.name)).toEqual([]);
      for (const law of passed) expect(law.message).toMatch(/^checked on [1-9]\d* (JSON )?answers$/);
      for (const failure of report.results) expect(failure.message, failure.name).toBeTruthy();
      expect(elapsed).toBeLessThan(45_000);
    });
  }
});

describe('check-client under client faults', () => {
  it.concurrent('a client that drips (slower than the timeout) fails each scenario and the run ends', async () => {
    const adapter = mutantAdapter('slow', 'const response = await fetch(', 'await new Promise((r) => setTimeout(r, 400));\n  const response = await fetch(');
    const started = Date.now();
    const result = await destconf(['check-client', '--adapter', adapter, '--vendor', 'redox', '--timeout-ms', '150', '--runs', '2', '--reports', `${adapter}-reports`]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/did not settle within 150 ms/);
    expect(result.stdout).not.toMatch(/✓ redox: rejects on HTTP/);
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it.concurrent('a client that reads a truncated answer as success is caught', async () => {
    const adapter = mutantAdapter('lenient', 'parsed = text === \'\' ? null : JSON.parse(text);', "parsed = text === '' ? null : JSON.parse(text);\n    if (response.status >= 500) return {};");
    const result = await destconf(['check-client', '--adapter', adapter, '--vendor', 'stitch', '--runs', '2', '--reports', `${adapter}-reports`]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/✗ stitch: rejects on HTTP 500/);
  });
});
