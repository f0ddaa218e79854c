import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { destconf, ROOT } from './helpers/cli.js';
import { adapterWithSource } from './helpers/mutant-clients.js';

const REFERENCE = join(ROOT, 'examples/reference-client/adapter.mjs');

describe('destconf check-client', () => {
  it('passes the reference client for all five vendors and writes JUnit and JSON reports', async () => {
    const reports = adapterWithSource('reports', '').replace(/adapter\.mjs$/, 'reports');
    const result = await destconf(['check-client', '--adapter', REFERENCE, '--reports', reports]);
    expect(result.code, result.stdout).toBe(0);
    for (const vendor of ['streamkap', 'stitch', 'prequel', 'ampersand', 'redox']) {
      expect(result.stdout).toContain(`✓ ${vendor}: generated requests are the documented request`);
      expect(result.stdout).toContain(`✓ ${vendor}: contract: an update with a wrong credential`);
    }
    const json = JSON.parse(readFileSync(join(reports, 'results.json'), 'utf8')) as { summary: { failed: number; passed: number } };
    expect(json.summary.failed).toBe(0);
    expect(json.summary.passed).toBeGreaterThan(70);
    expect(readFileSync(join(reports, 'junit.xml'), 'utf8')).toMatch(/<testsuite name="redox.check-client"/);
  });

  it('loads a TypeScript adapter and narrows to --vendor', async () => {
    const adapter = adapterWithSource(
      'ts',
      `import reference from ${JSON.stringify(REFERENCE)};\nconst adapter: Record<string, unknown> = { redox: reference.redox, stitch: reference.stitch };\nexport default adapter;\n`,
      'ts',
    );
    const result = await destconf(['check-client', '--adapter', adapter, '--vendor', 'redox', '--runs', '10', '--reports', `${adapter}-reports`]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain('redox:');
    expect(result.stdout).not.toContain('stitch:');
  });

  const adapterErrors: [string, () => string[], RegExp][] = [
    ['a missing file', () => ['--adapter', '/nonexistent/adapter.mjs'], /adapter not found/],
    ['no default export', () => ['--adapter', adapterWithSource('nodefault', 'export const streamkap = () => ({});')], /has no default export/],
    ['a default export that is not an object', () => ['--adapter', adapterWithSource('fn', 'export default () => 1;')], /must be an object mapping vendor ids/],
    ['an unknown vendor key', () => ['--adapter', adapterWithSource('unknown', 'export default { fivetran: () => ({}) };')], /unknown vendor "fivetran"/],
    ['a factory that is not a function', () => ['--adapter', adapterWithSource('notfn', 'export default { stitch: 42 };')], /stitch must be a factory function/],
    ['a factory that throws', () => ['--adapter', adapterWithSource('throws', "export default { stitch: () => { throw new Error('no config'); } };")], /the stitch factory threw: no config/],
    ['a factory that builds no client', () => ['--adapter', adapterWithSource('noclient', 'export default { stitch: () => ({}) };')], /must return an object with an updateDestination function/],
    ['a module that does not load', () => ['--adapter', adapterWithSource('syntax', 'export default {')], /cannot load adapter/],
    ['a vendor the adapter lacks', () => ['--adapter', REFERENCE.replace('adapter.mjs', 'adapter.mjs'), '--vendor', 'stitch', '--adapter', adapterWithSource('only', `import r from ${JSON.stringify(REFERENCE)}; export default { redox: r.redox };`)], /does not provide stitch/],
    ['a file that is not a module', () => ['--adapter', adapterWithSource('json', '{}', 'json')], /must be an ES module/],
  ];
  for (const [what, args, pattern] of adapterErrors) {
    it(`exits 2 with one line for ${what}`, async () => {
      const result = await destconf(['check-client', ...args()]);
      expect(result.code, result.stdout).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(pattern);
    });
  }
});

describe('checkClient (the library) on a list of vendors', () => {
  const threeVendors = () => adapterWithSource('three', `import r from ${JSON.stringify(REFERENCE)};\nexport default { redox: r.redox, stitch: r.stitch, prequel: r.prequel };\n`);
  const only = 'contract: an update of an existing destination';

  it('runs only the vendors asked for, in one adapter process', async () => {
    const { checkClient } = await import('../src/index.js');
    const { results } = await checkClient({ adapterPath: threeVendors(), vendors: ['redox', 'stitch'], runs: 5, only });
    expect(new Set(results.map((r) => r.vendor))).toEqual(new Set(['redox', 'stitch']));
    expect(results.every((r) => r.status === 'passed')).toBe(true);
  });

  it('refuses a vendor the adapter lacks, naming it, and vendor with vendors', async () => {
    const { checkClient } = await import('../src/index.js');
    await expect(checkClient({ adapterPath: threeVendors(), vendors: ['redox', 'streamkap'], runs: 5, only })).rejects.toThrow(/does not provide streamkap \(it provides redox, stitch, prequel\)/);
    await expect(checkClient({ adapterPath: threeVendors(), vendor: 'redox', vendors: ['stitch'], runs: 5, only })).rejects.toThrow(/vendor or vendors, not both/);
  });
});
