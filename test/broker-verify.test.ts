/** `verify` with the broker: pacts chosen by selectors, pending and WIP pacts, --pact-url, results published. */
import { describe, expect, it } from 'vitest';
import { destconf } from './helpers/cli.js';
import { startBrokerDouble } from './helpers/broker-double.js';
import { TOKEN, pactDir, changedContent } from './helpers/broker-pacts.js';

describe('destconf verify against the broker', () => {
  const env = { PACT_BROKER_TOKEN: TOKEN };
  const brokerOf = (url: string) => ({ url, auth: { token: TOKEN }, timeoutMs: 10_000 });

  it('verifies the pacts from the broker and publishes the results with the provider version and branch', async () => {
    const broker = await startBrokerDouble();
    try {
      await destconf(['publish', '--broker-url', broker.url, '--consumer-version', '1.0.0', '--branch', 'main'], { env });
      const result = await destconf(['verify', '--vendor', 'stitch', '--publish-verification-results', '--provider-version', '2.0.0', '--provider-branch', 'main', '--broker-url', broker.url], { env });
      expect(result.code, result.stdout + result.stderr).toBe(0);
      expect(broker.requests.some((r) => r.method === 'POST' && r.url === '/pacts/provider/stitch-api/for-verification')).toBe(true);
      expect(broker.providerVersions).toEqual([{ pacticipant: 'stitch-api', branch: 'main', version: '2.0.0' }]);
      const [published] = broker.verificationResults();
      expect(published).toMatchObject({ provider: 'stitch-api', consumer: 'destination-contracts', result: { success: true, providerApplicationVersion: '2.0.0' } });
      // The broker's interaction ids come back with each result.
      expect(published!.result.testResults!.every((t) => typeof t.interactionId === 'string' && t.interactionId.length > 0)).toBe(true);
      for (const request of broker.requests) {
        expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
        expect(request.url + request.body).not.toContain(TOKEN);
      }
      expect(result.stdout + result.stderr).not.toContain(TOKEN);
    } finally {
      await broker.close();
    }
  });

  it('applies the consumer version selectors: a feature branch is not verified under mainBranch; two consumers are told apart, each finding naming consumer, version and a rerun of that pact', async () => {
    const { verify } = await import('./helpers/vendors.js');
    const broker = await startBrokerDouble();
    try {
      await destconf(['publish', '--broker-url', broker.url, '--consumer-version', '3.0.0', '--branch', 'feature-x', '--pact-dir', pactDir(['stitch-api'], (p) => p, 'acme-web')], { env });
      const mainOnly = await verify({ vendors: ['stitch'], broker: { broker: brokerOf(broker.url), query: { selectors: [{ mainBranch: true }] } } });
      expect(mainOnly.results.filter((r) => r.name.startsWith('pact'))).toEqual([expect.objectContaining({ name: 'pact: verification', status: 'skipped', message: expect.stringMatching(/has no pact for stitch-api matching the consumer version selectors \[\{"mainBranch":true\}\]/) })]);
      await destconf(['publish', '--broker-url', broker.url, '--consumer-version', '1.0.0', '--branch', 'main', '--pact-dir', pactDir(['stitch-api'])], { env });
      const report = await verify({ vendors: ['stitch'], sandbox: { overrides: { stitch: { successStatus: 201 } } }, broker: { broker: brokerOf(broker.url), query: { selectors: [{ mainBranch: true }, { branch: 'feature-x' }] } } });
      const failed = report.results.filter((r) => r.status === 'failed' && r.name.startsWith('pact: '));
      const named = new Set(failed.map((r) => r.name.replace(/^pact: .* \(/, '(')));
      expect(named).toEqual(new Set(['(destination-contracts 1.0.0)', '(acme-web 3.0.0)']));
      for (const finding of failed) {
        const pact = broker.pacts().find((p) => finding.name.includes(p.consumer))!;
        expect(finding.reproduce).toMatch(new RegExp(`^npx destconf verify --vendor stitch --broker-url ${broker.url} --pact-url ${broker.url}/pacts/provider/stitch-api/consumer/${pact.consumer}/pact-version/${pact.sha}/metadata/\\S+ --only '`));
      }
      // Nothing was published without --publish-verification-results.
      expect(broker.verificationResults()).toEqual([]);
    } finally {
      await broker.close();
    }
  }, 60_000);

  it('pending pacts (asked for) fail as warnings, not errors; work-in-progress pacts of other branches are verified as pending', async () => {
    const { verify } = await import('./helpers/vendors.js');
    const broker = await startBrokerDouble();
    try {
      await destconf(['publish', '--broker-url', broker.url, '--consumer-version', '1.0.0', '--branch', 'main', '--pact-dir', pactDir(['stitch-api'])], { env });
      const deviating = { overrides: { stitch: { successStatus: 201 } } };
      const strict = await verify({ vendors: ['stitch'], sandbox: deviating, broker: { broker: brokerOf(broker.url), query: { selectors: [{ mainBranch: true }] } } });
      expect(strict.results.some((r) => r.name.startsWith('pact: ') && r.status === 'failed')).toBe(true);
      // Without includePendingStatus the broker says nothing about pending.
      const listed = JSON.parse(broker.requests.filter((r) => r.url.endsWith('/for-verification')).at(-1)!.body) as { includePendingStatus: boolean };
      expect(listed.includePendingStatus).toBe(false);
      const pending = await verify({ vendors: ['stitch'], sandbox: deviating, broker: { broker: brokerOf(broker.url), query: { selectors: [{ mainBranch: true }], enablePending: true, providerBranch: 'main' } } });
      const pacts = pending.results.filter((r) => r.name.startsWith('pact: ') && r.status !== 'passed');
      expect(pacts.length).toBeGreaterThan(0);
      for (const r of pacts) {
        expect(r.status).toBe('warning');
        expect(r.message).toMatch(/^pending pact, so not an error until the provider has verified it once: /);
      }
      await destconf(['publish', '--broker-url', broker.url, '--consumer-version', '1.1.0', '--branch', 'feature-y', '--pact-dir', pactDir(['stitch-api'], changedContent)], { env });
      const wip = await destconf(['verify', '--vendor', 'stitch', '--broker-url', broker.url, '--consumer-version-selector', 'mainBranch', '--include-wip-pacts-since', '2020-01-01', '--provider-branch', 'main', '--json'], { env });
      expect(wip.code, wip.stdout + wip.stderr).toBe(0);
      const names = (JSON.parse(wip.stdout) as { results: { name: string }[] }).results.map((r) => r.name);
      expect(names).toContain('pact: an update with a wrong credential (destination-contracts 1.1.0)');
      expect(names).toContain('pact: an update with a wrong credential (destination-contracts 1.0.0)');
    } finally {
      await broker.close();
    }
  }, 90_000);

  it('--pact-url verifies that pact alone (what a webhook hands over) and publishes its result to it', async () => {
    const broker = await startBrokerDouble();
    try {
      await destconf(['publish', '--broker-url', broker.url, '--consumer-version', '1.0.0', '--branch', 'main'], { env });
      const pact = broker.pacts().find((p) => p.provider === 'redox-api')!;
      const url = `${broker.url}/pacts/provider/redox-api/consumer/destination-contracts/pact-version/${pact.sha}`;
      const result = await destconf(['verify', '--pact-url', url, '--publish-verification-results', '--provider-version', '5.0.0', '--json'], { env });
      expect(result.code, result.stdout + result.stderr).toBe(0);
      const results = (JSON.parse(result.stdout) as { results: { vendor: string; name: string }[] }).results;
      expect(new Set(results.map((r) => r.vendor))).toEqual(new Set(['redox']));
      expect(broker.verificationResults()).toEqual([expect.objectContaining({ provider: 'redox-api', result: expect.objectContaining({ success: true, providerApplicationVersion: '5.0.0' }) })]);
      const elsewhere = await destconf(['verify', '--vendor', 'stitch', '--pact-url', url], { env });
      expect(elsewhere.code).toBe(2);
      expect(elsewhere.stderr).toMatch(/is for provider redox-api, which --vendor stitch is not/);
    } finally {
      await broker.close();
    }
  }, 60_000);

  it('broker trouble is a configuration error (exit 2) before any provider is contacted, never a provider failure', async () => {
    const broker = await startBrokerDouble({ basicAuth: { username: 'ci', password: 'pw' } });
    try {
      const refused = await destconf(['verify', '--vendor', 'stitch', '--publish-verification-results', '--provider-version', '1', '--broker-url', broker.url], { env });
      expect(refused.code).toBe(2);
      expect(refused.stderr.trim()).toMatch(/answered HTTP 400 to the bearer token/);
      expect(refused.stdout).not.toMatch(/probe:|pact:/);
      const closed = await startBrokerDouble();
      await closed.close();
      const unreachable = await destconf(['verify', '--vendor', 'stitch', '--publish-verification-results', '--provider-version', '1', '--broker-url', closed.url], { env });
      expect(unreachable.code).toBe(2);
      expect(unreachable.stderr.trim()).toMatch(/cannot reach the broker at http:\/\/127\.0\.0\.1:\d+: connection refused$/);
    } finally {
      await broker.close();
    }
  });

  it('a PACT_BROKER_BASE_URL and token in the environment alone change nothing: a local replay sends the broker nothing', async () => {
    const broker = await startBrokerDouble();
    try {
      const result = await destconf(['verify', '--vendor', 'redox'], { env: { PACT_BROKER_BASE_URL: broker.url, PACT_BROKER_TOKEN: TOKEN, PACT_BROKER_PUBLISH_VERIFICATION_RESULTS: 'true' } });
      expect(result.code, result.stdout + result.stderr).toBe(0);
      expect(broker.requests).toEqual([]);
    } finally {
      await broker.close();
    }
  });

  it('refuses what would publish a partial or invented result, and incomplete broker options (exit 2)', async () => {
    const cases: [string[], RegExp][] = [
      [['--publish-verification-results', '--broker-url', 'http://127.0.0.1:9'], /needs --provider-version/],
      [['--publish-verification-results', '--provider-version', '1'], /--publish-verification-results needs --broker-url/],
      [['--publish-verification-results', '--provider-version', '1', '--broker-url', 'http://127.0.0.1:9', '--only', 'x'], /--only cannot be used with --publish-verification-results/],
      [['--consumer-version-selector', 'mainBranch', '--broker-url', 'http://127.0.0.1:9', '--plan'], /--plan sends nothing/],
      [['--consumer-version-selector', 'nope', '--broker-url', 'http://127.0.0.1:9'], /nope is not a selector property/],
      [['--consumer-version-selector', 'branch', '--broker-url', 'http://127.0.0.1:9'], /branch takes a value/],
      [['--include-wip-pacts-since', '2026-01-01', '--broker-url', 'http://127.0.0.1:9'], /needs --provider-branch/],
      // A day that does not exist, or not a date: refused, not read as another day.
      ...['2026-02-31', '2026-13-01', 'yesterday', '1 Nov 2026'].map((date): [string[], RegExp] => [['--include-wip-pacts-since', date, '--provider-branch', 'main', '--broker-url', 'http://127.0.0.1:9'], /--include-wip-pacts-since takes a date such as 2026-11-01/]),
      [['--pact-url', 'http://127.0.0.1:9/p', '--consumer-version-selector', 'mainBranch'], /--pact-url names the pact to verify/],
    ];
    for (const [args, message] of cases) {
      const result = await destconf(['verify', ...args], { env: { PACT_BROKER_BASE_URL: '' } });
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
    }
  });
});
