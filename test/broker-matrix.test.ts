/** `can-i-deploy`, `record-deployment` and `record-release` against the broker double: its verdict is the exit code. */
import { describe, expect, it } from 'vitest';
import { destconf } from './helpers/cli.js';
import { startBrokerDouble } from './helpers/broker-double.js';
import { TOKEN, pactDir } from './helpers/broker-pacts.js';

describe('destconf can-i-deploy, record-deployment, record-release', () => {
  const env = { PACT_BROKER_TOKEN: TOKEN };
  const ask = (url: string, extra: string[] = []) => destconf(['can-i-deploy', '--broker-url', url, '--version', '1.0.0', '--to-environment', 'production', ...extra], { env });

  it('a broker that refuses the verification results: verify fails naming it, instead of a green run that published nothing', async () => {
    const broker = await startBrokerDouble({ failOn: { pathEnd: '/verification-results', status: 500 } });
    try {
      expect((await destconf(['publish', '--broker-url', broker.url, '--consumer-version', '1.0.0', '--branch', 'main', '--pact-dir', pactDir(['stitch-api'])], { env })).code).toBe(0);
      const verified = await destconf(['verify', '--vendor', 'stitch', '--publish-verification-results', '--provider-version', '2.0.0', '--provider-branch', 'main', '--broker-url', broker.url, '--json'], { env });
      expect(verified.code, verified.stdout + verified.stderr).toBe(1);
      const results = (JSON.parse(verified.stdout) as { results: { name: string; status: string; message?: string }[] }).results;
      const unpublished = results.filter((r) => r.name.startsWith('pact: the verification results reached the broker'));
      expect(unpublished, verified.stdout).toEqual([expect.objectContaining({ status: 'failed', message: expect.stringMatching(/could not publish/) })]);
      expect(unpublished[0]!.name).toContain('(destination-contracts 1.0.0)');
      // Everything else passed: the provider is not failed for the broker's trouble.
      expect(results.filter((r) => r.status === 'failed')).toHaveLength(1);
      expect(broker.verificationResults()).toEqual([]);
      expect(verified.stdout).not.toContain(TOKEN);
    } finally {
      await broker.close();
    }
  }, 90_000);

  it('the whole chain: publish, no verification yet (no), verified but not deployed (no), provider deployed (yes), a failed verification deployed (no)', async () => {
    const broker = await startBrokerDouble();
    try {
      expect((await destconf(['publish', '--broker-url', broker.url, '--consumer-version', '1.0.0', '--branch', 'main', '--pact-dir', pactDir(['stitch-api'])], { env })).code).toBe(0);
      for (const json of [false, true]) {
        const first = await ask(broker.url, json ? ['--json'] : []);
        expect(first.code, first.stdout + first.stderr).toBe(1);
        if (json) expect(JSON.parse(first.stdout)).toMatchObject({ deployable: false, summary: { deployable: null, unknown: 1 } });
        else expect(first.stdout).toMatch(/✗ not deployable: destination-contracts 1\.0\.0 → production \(There is no verified pact .* stitch-api currently in production \(no version is currently recorded as deployed\/released/);
      }
      const verified = await destconf(['verify', '--vendor', 'stitch', '--publish-verification-results', '--provider-version', '2.0.0', '--provider-branch', 'main', '--broker-url', broker.url], { env });
      expect(verified.code, verified.stdout + verified.stderr).toBe(0);
      expect((await ask(broker.url)).code).toBe(1);
      const recorded = await destconf(['record-deployment', '--broker-url', broker.url, '--pacticipant', 'stitch-api', '--version', '2.0.0', '--environment', 'production'], { env });
      expect(recorded.code, recorded.stdout + recorded.stderr).toBe(0);
      expect(broker.deployments()).toEqual([{ pacticipant: 'stitch-api', version: '2.0.0', environment: 'production' }]);
      const yes = await ask(broker.url, ['--json']);
      expect(yes.code, yes.stdout).toBe(0);
      expect(JSON.parse(yes.stdout)).toMatchObject({ deployable: true, summary: { success: 1, failed: 0, unknown: 0 } });
      // A provider version whose verification failed replaces the verified one in production.
      const { verify } = await import('./helpers/vendors.js');
      const report = await verify({ vendors: ['stitch'], sandbox: { overrides: { stitch: { successStatus: 201 } } }, broker: { broker: { url: broker.url, auth: { token: TOKEN }, timeoutMs: 10_000 }, query: { selectors: [{ mainBranch: true }] }, publish: { providerVersion: '2.1.0' } } });
      expect(report.results.some((r) => r.status === 'failed')).toBe(true);
      expect((await destconf(['record-deployment', '--broker-url', broker.url, '--pacticipant', 'stitch-api', '--version', '2.1.0', '--environment', 'production'], { env })).code).toBe(0);
      const no = await ask(broker.url);
      expect(no.code).toBe(1);
      expect(no.stdout).toMatch(/The verification for the pact between version 1\.0\.0 of destination-contracts and the version of stitch-api currently in production \(2\.1\.0\) failed/);
    } finally {
      await broker.close();
    }
  }, 120_000);

  it('a released version counts too; deployedOrReleased then selects it for verification', async () => {
    const broker = await startBrokerDouble();
    try {
      // Published from a feature branch only: mainBranch does not select it, its release does.
      expect((await destconf(['publish', '--broker-url', broker.url, '--consumer-version', '0.9.0', '--branch', 'feature-x', '--pact-dir', pactDir(['stitch-api'])], { env })).code).toBe(0);
      const released = await destconf(['record-release', '--broker-url', broker.url, '--version', '0.9.0', '--environment', 'production', '--json'], { env });
      expect(released.code, released.stdout + released.stderr).toBe(0);
      expect(JSON.parse(released.stdout)).toEqual({ recorded: true, kind: 'release', pacticipant: 'destination-contracts', version: '0.9.0', environment: 'production' });
      expect(broker.releases()).toEqual([{ pacticipant: 'destination-contracts', version: '0.9.0', environment: 'production' }]);
      const verified = await destconf(['verify', '--vendor', 'stitch', '--broker-url', broker.url, '--consumer-version-selector', 'deployedOrReleased', '--json'], { env });
      expect(verified.code, verified.stdout + verified.stderr).toBe(0);
      expect((JSON.parse(verified.stdout) as { results: { name: string }[] }).results.filter((r) => r.name.startsWith('pact: ')).map((r) => r.name)).toContain('pact: a full replace of the connection (destination-contracts 0.9.0)');
    } finally {
      await broker.close();
    }
  }, 60_000);

  it('an environment, pacticipant or version the broker does not know is refused by name (exit 2), with and without --json', async () => {
    const broker = await startBrokerDouble();
    try {
      expect((await destconf(['publish', '--broker-url', broker.url, '--consumer-version', '1.0.0', '--pact-dir', pactDir(['stitch-api'])], { env })).code).toBe(0);
      const cases: [string[], RegExp][] = [
        [['can-i-deploy', '--version', '1.0.0', '--to-environment', 'staging'], /Environment with name 'staging' does not exist/],
        [['can-i-deploy', '--version', '1.0.0', '--pacticipant', 'acme-web'], /Pacticipant acme-web not found/],
        [['record-deployment', '--version', '1.0.0', '--environment', 'staging'], /has no environment named 'staging' \(it has: production, test\)/],
        [['record-release', '--version', '7.7.7', '--environment', 'production'], /has no version 7\.7\.7 of destination-contracts/],
      ];
      for (const [args, message] of cases) {
        for (const extra of [[], ['--json']]) {
          const result = await destconf([...args, '--broker-url', broker.url, ...extra], { env });
          expect(result.code, args.join(' ') + result.stdout + result.stderr).toBe(2);
          expect(result.stderr).toMatch(message);
          expect(result.stderr.trim().split('\n')).toHaveLength(1);
          if (extra.length > 0) expect(JSON.parse(result.stdout)).toMatchObject({ error: { exitCode: 2 } });
        }
      }
      expect(broker.deployments()).toEqual([]);
      expect(broker.releases()).toEqual([]);
    } finally {
      await broker.close();
    }
  }, 60_000);
});
