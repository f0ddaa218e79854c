/**
 * Adding a vendor is adding a folder: a made-up vendor (test/fixtures/vendors/acme/, laid out like
 * src/vendors/<id>/ and written against the library's exports only) is registered by this test
 * alone and goes through validate, the sandbox, the contract runner, verify, check-client and the
 * reports, with no engine naming it. In process through `registerVendor`; as a user would, through
 * the CLI with DESTCONF_VENDORS naming the folder bundled to one ES module.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONSUMER, pactFileName } from '../src/contracts/index.js';
import { runConsumerContract } from '../src/contracts/runner.js';
import acmeVendor from './fixtures/vendors/acme/index.js';
import acmeAdapter from './fixtures/vendors/acme/client-adapter.mjs';
import { destconf, ROOT } from './helpers/cli.js';
import { registerVendor, validate, vendorIds, vendorModule, verify } from './helpers/vendors.js';

const FOLDER = join(ROOT, 'test/fixtures/vendors/acme');
const failuresOf = (results: readonly { status: string; name: string; message?: string }[]) => results.filter((r) => r.status === 'failed').map((r) => `${r.name}: ${r.message}`);

let work: string;
let plugin: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'destconf-vendor-folder-'));
  plugin = join(work, 'acme.mjs');
  // What an author outside this package does: bundle the folder, importing the published library
  // (here the dist/ the CLI runs, so that the vendor and the CLI share one registry).
  await build({
    entryPoints: [join(FOLDER, 'index.ts')],
    outfile: plugin,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    plugins: [{ name: 'the-library', setup: (b) => b.onResolve({ filter: /\/src\/index\.js$/ }, () => ({ path: resolve(ROOT, 'dist/index.mjs'), external: true })) }],
  });
  writeFileSync(join(work, 'valid.json'), JSON.stringify({ name: 'events', url: 'https://hooks.example.com/x' }));
  writeFileSync(join(work, 'invalid.json'), JSON.stringify({ enabled: 'yes', extra: 1 }));
});

describe('in process: registerVendor', () => {
  it('takes the folder through validate, the contract runner, the sandbox and verify', async () => {
    await registerVendor(acmeVendor);
    expect(vendorIds()).toContain('acme');
    expect(vendorModule('acme').sandbox.credential).toBe('sandbox-acme-api-key');

    expect(validate('acme', 'request', { name: 'events' }).valid).toBe(true);
    const invalid = validate('acme', 'request', { enabled: 'yes', extra: 1 });
    expect(invalid.errors.map((e) => e.path)).toEqual(['/enabled']);
    expect(invalid.warnings.map((w) => w.path)).toEqual(['/extra']);

    const pactDir = join(work, 'in-process-pacts');
    const outcomes = await runConsumerContract(acmeVendor, acmeAdapter.acme, { pactDir, consumer: DEFAULT_CONSUMER });
    expect(failuresOf(outcomes.map((o) => ({ status: o.passed ? 'passed' : 'failed', name: o.description, ...(o.message ? { message: o.message } : {}) })))).toEqual([]);
    const pact = JSON.parse(readFileSync(join(pactDir, pactFileName(DEFAULT_CONSUMER, 'acme-api')), 'utf8')) as { interactions: unknown[] };
    expect(pact.interactions).toHaveLength(vendorModule('acme').contract().interactions.length);

    const report = await verify({ vendors: ['acme'], pactDir });
    expect(failuresOf(report.results)).toEqual([]);
    const names = report.results.map((r) => r.name);
    expect(names).toContain('pact: a name-only update');
    expect(names).toContain('probe: PATCH keeps the fields it does not name');
    expect(names).toContain('probe: the token sent is never returned');
    expect(names.some((n) => n.startsWith('probe: updated_at moves forward'))).toBe(true);
  });

  it('judges the new vendor like the others: a sandbox that echoes the token fails, naming it', async () => {
    if (!vendorIds().includes('acme')) await registerVendor(acmeVendor);
    const { semantics } = vendorModule('acme');
    const report = await verify({ vendors: ['acme'], only: 'token', sandbox: { overrides: { acme: { semantics: { ...semantics, present: (state) => ({ sink: state }) } } } } });
    expect(failuresOf(report.results)).toEqual([expect.stringContaining('the token was echoed in the response')]);
  });

  it('refuses a second vendor of the same id, and an id the CLI could not take', async () => {
    if (!vendorIds().includes('acme')) await registerVendor(acmeVendor);
    await expect(registerVendor(acmeVendor)).rejects.toThrow('vendor acme is already registered');
    await expect(registerVendor({ ...acmeVendor, definition: { ...acmeVendor.definition, id: 'Acme Sinks' } })).rejects.toThrow('lower-case letters');
  });
});

describe('through the CLI: DESTCONF_VENDORS', () => {
  const env = () => ({ DESTCONF_VENDORS: plugin });

  it('validate takes --vendor acme: exit 0 valid, exit 1 with the error and the warning', async () => {
    const valid = await destconf(['validate', '--vendor', 'acme', join(work, 'valid.json')], { env: env() });
    expect(valid.stderr).toBe('');
    expect(valid.code).toBe(0);
    const invalid = await destconf(['validate', '--vendor', 'acme', join(work, 'invalid.json')], { env: env() });
    expect(invalid.code).toBe(1);
    expect(invalid.stdout).toContain('/enabled: must be boolean');
    expect(invalid.stdout).toContain('/extra: is not a documented field');
  });

  it("conformance with a plugin vendor: the reference client's lack of it is acme's finding alone, the built-in vendors pass", async () => {
    const reports = join(work, 'conformance-reports');
    const result = await destconf(['conformance', '--only', 'wrong credential', '--reports', reports], { env: env() });
    expect(result.code).toBe(1);
    const { results } = JSON.parse(readFileSync(join(reports, 'results.json'), 'utf8')) as { results: { vendor: string; step: string; name: string; status: string; message?: string }[] };
    const failed = results.filter((r) => r.status === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((r) => r.vendor === 'acme'), JSON.stringify(failed)).toBe(true);
    expect(failed.find((r) => r.step === 'check-client')?.message).toMatch(/does not provide acme/);
    for (const vendor of ['streamkap', 'stitch', 'prequel', 'ampersand', 'redox']) {
      expect(results.some((r) => r.vendor === vendor && r.step === 'check-client' && r.status === 'passed')).toBe(true);
    }
  });

  it('check-client passes a correct acme client and writes its pact; verify --pacts replays it against the sandbox', async () => {
    const pacts = join(work, 'cli-pacts');
    const reports = join(work, 'cli-reports');
    const adapter = join(FOLDER, 'client-adapter.mjs');
    const checked = await destconf(['check-client', '--adapter', adapter, '--vendor', 'acme', '--runs', '10', '--pact-out', pacts, '--consumer', 'acme-client', '--reports', reports], { env: env() });
    expect(checked.stdout).toMatch(/^\d+ passed, 0 failed$/m);
    expect(checked.code).toBe(0);
    expect(existsSync(join(pacts, 'acme-client-acme-api.json'))).toBe(true);
    // The reports name the new vendor like any other.
    const results = JSON.parse(readFileSync(join(reports, 'results.json'), 'utf8')) as { results: { vendor: string }[] };
    expect(new Set(results.results.map((r) => r.vendor))).toEqual(new Set(['acme']));
    expect(readFileSync(join(reports, 'index.html'), 'utf8')).toContain('acme');
    expect(readFileSync(join(reports, 'junit.xml'), 'utf8')).toContain('acme');

    const verified = await destconf(['verify', '--vendor', 'acme', '--pacts', pacts, '--json'], { env: { ...env(), DESTCONF_CONSUMER_NAME: 'acme-client' } });
    expect(verified.code).toBe(0);
    const names = (JSON.parse(verified.stdout) as { results: { name: string; status: string }[] }).results.filter((r) => r.status === 'passed').map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(['pact: a name-only update', 'probe: the token sent is never returned']));
  });

  it('check-client fails a client that breaks the adapter contract, naming the deviation', async () => {
    const broken = join(work, 'no-status-adapter.mjs');
    writeFileSync(broken, readFileSync(join(FOLDER, 'client-adapter.mjs'), 'utf8').replace('{ status: response.status, body: answer }', '{}'));
    const checked = await destconf(['check-client', '--adapter', broken, '--vendor', 'acme', '--runs', '5', '--reports', join(work, 'broken-reports')], { env: env() });
    expect(checked.code).toBe(1);
    expect(checked.stdout).toContain('the rejection carries status undefined, expected 401');
  });

  it('verify --plan addresses the sandbox\'s acme destination', async () => {
    const plan = await destconf(['verify', '--vendor', 'acme', '--plan', '--json'], { env: env() });
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('/acme/v1/sinks/snk_01');
  });

  it('verify without a pact of the vendor fails the pact part, saying where it looked and how to write one', async () => {
    const verified = await destconf(['verify', '--vendor', 'acme', '--only', 'pact'], { env: env() });
    expect(verified.code).toBe(1);
    expect(verified.stdout).toContain('no pact of acme-api in');
    expect(verified.stdout).toContain('check-client --pact-out');
  });

  it('a DESTCONF_VENDORS that cannot be used is one line and exit 2', async () => {
    const missing = await destconf(['validate', '--vendor', 'acme', join(work, 'valid.json')], { env: { DESTCONF_VENDORS: join(work, 'nowhere.mjs') } });
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toMatch(/^destconf: DESTCONF_VENDORS: .*nowhere\.mjs does not exist$/);
    const notAVendor = join(work, 'not-a-vendor.mjs');
    writeFileSync(notAVendor, 'export default { definition: { id: "x" } };\n');
    const shape = await destconf(['validate', '--vendor', 'x', join(work, 'valid.json')], { env: { DESTCONF_VENDORS: notAVendor } });
    expect(shape.code).toBe(2);
    expect(shape.stderr.trim().split('\n')).toHaveLength(1);
    expect(shape.stderr).toContain('not a vendor module (definition.title is not a string)');
  });

  it('a vendor module that ends the process or never finishes loading is a usage error, never a run that did not happen', async () => {
    const cases: [string, string, RegExp][] = [
      ['exits-0.mjs', 'process.exit(0);\nexport default {};\n', /exits-0\.mjs called process\.exit\(0\) while loading: a vendor module must not end the process$/],
      ['exits-later.mjs', 'await Promise.resolve();\nprocess.exit();\n', /exits-later\.mjs called process\.exit\(\) while loading/],
      ['never-settles.mjs', 'await new Promise(() => {});\nexport default {};\n', /never-settles\.mjs never finished loading: its top-level await does not settle$/],
    ];
    for (const [name, source, message] of cases) {
      writeFileSync(join(work, name), source);
      const result = await destconf(['validate', '--vendor', 'stitch', join(ROOT, 'fixtures/docs/stitch/request.json')], { env: { DESTCONF_VENDORS: join(work, name) } });
      expect(result.code, name).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr.trim()).toMatch(message);
    }
  });
});
