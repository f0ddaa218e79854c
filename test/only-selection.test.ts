/**
 * `--only` chooses what runs before anything runs (issue #22/#24): the checks it names, and what they
 * need, nothing else; a pattern that names nothing is a usage error (exit 2), never a green run.
 * Each test counts what was really sent, so output filtering alone would fail it.
 */
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { descriptionFilter } from '../src/verify/selection.js';
import { verify } from './helpers/vendors.js';
import { ROOT, destconf } from './helpers/cli.js';

const REFERENCE = join(ROOT, 'examples/reference-client/adapter.mjs');

/** The reference client, counting its calls in a file (the adapter runs in check-client's child process). */
function countingAdapter(): { adapter: string; calls: () => number; env: NodeJS.ProcessEnv } {
  const dir = mkdtempSync(join(tmpdir(), 'destconf-only-'));
  const counter = join(dir, 'calls.txt');
  const adapter = join(dir, 'adapter.mjs');
  writeFileSync(
    adapter,
    `import { appendFileSync } from 'node:fs';
import reference from ${JSON.stringify(REFERENCE)};
const counted = (factory) => (config) => { const client = factory(config); return { updateDestination: (input) => { appendFileSync(process.env.COUNT_FILE, 'x'); return client.updateDestination(input); } }; };
export default Object.fromEntries(Object.entries(reference).map(([vendor, factory]) => [vendor, counted(factory)]));
`,
  );
  return { adapter, env: { COUNT_FILE: counter }, calls: () => (existsSync(counter) ? readFileSync(counter, 'utf8').length : 0) };
}

describe('verify --only', () => {
  const requestsOf = async (only?: string) => {
    let requests = 0;
    const report = await verify({ vendors: ['stitch'], ...(only ? { only } : {}), sandbox: { onRequest: () => void requests++ } });
    return { requests, names: report.results.map((r) => r.name) };
  };

  it('replays only the named pact interaction: one request, not the whole run', async () => {
    const all = await requestsOf();
    const one = await requestsOf('pact: an update with a wrong credential');
    expect(one.names).toEqual(['pact: an update with a wrong credential']);
    expect(one.requests).toBe(1);
    expect(all.requests).toBeGreaterThan(10);
  });

  it('sends only the named probe, and every probe when a law is named (a law is judged on every answer)', async () => {
    const probe = await requestsOf('probe: an unknown id is refused');
    expect(probe.names).toEqual(['probe: an unknown id is refused (404/400), exposing no destination data']);
    // Its own requests only: the documented update, the refused call, and the refused call with every text field marked.
    expect(probe.requests).toBeLessThanOrEqual(3);
    const law = await requestsOf('law: no credential');
    expect(law.names).toEqual(['law: no credential or secret comes back in any answer']);
    expect(law.requests).toBeGreaterThan(probe.requests + 3);
  });

  it('runs nothing for a pattern that names nothing, and the CLI says so with exit 2', async () => {
    expect(await requestsOf('no-such-check-anywhere')).toEqual({ requests: 0, names: [] });
    const cli = await destconf(['verify', '--vendor', 'stitch', '--only', 'no-such-check-anywhere']);
    expect(cli.code).toBe(2);
    expect(cli.stderr.trim().split('\n')).toHaveLength(1);
    expect(cli.stderr).toMatch(/matches no check of verify/);
  });

  it('refuses --only with --publish-verification-results: a part of a pact is never published as the whole', async () => {
    const cli = await destconf(['verify', '--only', 'pact', '--publish-verification-results', '--broker-url', 'http://127.0.0.1:9', '--provider-version', '1']);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toMatch(/--only cannot be used with --publish-verification-results/);
  });

  it("escapes the pact core's regex: a description with regex characters matches only itself", () => {
    const filter = new RegExp(descriptionFilter(['an update (with a body) of 1.0 + more']));
    expect(filter.test('an update (with a body) of 1.0 + more')).toBe(true);
    expect(filter.test('an update with a body of 1x0  more')).toBe(false);
    expect(filter.test('x an update (with a body) of 1.0 + more')).toBe(false);
  });
});

describe('check-client --only', () => {
  it('runs one scenario: the client is called once for HTTP 504', async () => {
    const { adapter, env, calls } = countingAdapter();
    const cli = await destconf(['check-client', '--adapter', adapter, '--vendor', 'redox', '--only', 'HTTP 504', '--reports', mkdtempSync(join(tmpdir(), 'destconf-only-reports-'))], { env });
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stdout).toMatch(/rejects on HTTP 504 with status and body/);
    expect(cli.stdout).toMatch(/1 passed, 0 failed/);
    expect(calls()).toBe(1);
  });

  it('drives the client through the named contract interaction only', async () => {
    const { adapter, env, calls } = countingAdapter();
    const cli = await destconf(['check-client', '--adapter', adapter, '--vendor', 'stitch', '--only', 'contract: an update with a wrong credential', '--reports', mkdtempSync(join(tmpdir(), 'destconf-only-reports-'))], { env });
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stdout).toMatch(/1 passed, 0 failed/);
    expect(calls()).toBe(1);
  });

  it('exits 2 without loading the adapter for a pattern that names nothing', async () => {
    const { adapter, env, calls } = countingAdapter();
    const cli = await destconf(['check-client', '--adapter', adapter, '--only', 'HTTP 999', '--reports', mkdtempSync(join(tmpdir(), 'destconf-only-reports-'))], { env });
    expect(cli.code).toBe(2);
    expect(cli.stderr).toMatch(/matches no check of check-client/);
    expect(calls()).toBe(0);
  });

  it('refuses --only with --pact-out: a pact is written from the whole run only', async () => {
    const cli = await destconf(['check-client', '--adapter', REFERENCE, '--only', 'HTTP 503', '--pact-out', mkdtempSync(join(tmpdir(), 'destconf-only-pacts-')), '--consumer', 'x']);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toMatch(/--only cannot be used with --pact-out/);
  });
});

describe('conformance --only', () => {
  it('exits 2 for a pattern that names nothing', async () => {
    const cli = await destconf(['conformance', '--vendor', 'stitch', '--only', 'no-such-check-anywhere', '--reports', mkdtempSync(join(tmpdir(), 'destconf-only-reports-'))]);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toMatch(/matches no check of conformance/);
  });
});
