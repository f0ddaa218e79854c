import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { destconf, ROOT } from './helpers/cli.js';
import { startBrokerDouble } from './helpers/broker-double.js';

const TOKEN = 'broker-token-7f3a9c1d';
const committed = (consumer: string, provider: string) => readFileSync(join(ROOT, 'contracts/pacts', `${consumer}-${provider}.json`), 'utf8');

/**
 * The official CLI parses each pact and serialises it again, stamping its own pact-models version
 * into metadata.pactRust: byte identity cannot survive `pact broker publish`. Everything else must
 * arrive exactly as committed.
 */
function withoutCliStamp(pact: { metadata?: { pactRust?: unknown } }) {
  const { metadata = {}, ...rest } = pact;
  const { pactRust: _stamp, ...otherMetadata } = metadata;
  return { ...rest, metadata: otherMetadata };
}

describe('destconf publish', () => {
  it('publishes every pact with version, branch and tags through the official pact CLI', async () => {
    const broker = await startBrokerDouble();
    try {
      const result = await destconf(['publish', '--broker-url', broker.url, '--consumer-version', '1.4.2', '--branch', 'feat/x', '--tag', 'rc', '--tag', 'ci'], { env: { PACT_BROKER_TOKEN: TOKEN } });
      expect(result.code, result.stdout + result.stderr).toBe(0);
      const published = broker.published();
      expect(published).toHaveLength(5);
      for (const body of published) {
        expect(body).toMatchObject({ pacticipantName: 'destination-contracts', pacticipantVersionNumber: '1.4.2', branch: 'feat/x', tags: ['rc', 'ci'] });
        for (const contract of body.contracts) {
          expect(contract).toMatchObject({ specification: 'pact', contentType: 'application/json' });
          const sent = JSON.parse(Buffer.from(contract.content, 'base64').toString('utf8')) as { metadata?: { pactRust?: unknown } };
          const original = JSON.parse(committed(contract.consumerName, contract.providerName)) as { metadata?: { pactRust?: unknown } };
          expect(withoutCliStamp(sent)).toEqual(withoutCliStamp(original));
        }
      }
      expect(new Set(published.flatMap((b) => b.contracts.map((c) => c.providerName)))).toEqual(new Set(['streamkap-api', 'stitch-api', 'prequel-api', 'ampersand-api', 'redox-api']));
    } finally {
      await broker.close();
    }
  });

  it('sends the token only in the Authorization header, and never prints it', async () => {
    const broker = await startBrokerDouble();
    try {
      const result = await destconf(['publish', '--broker-url', broker.url, '--consumer-version', '1.0.0'], { env: { PACT_BROKER_TOKEN: TOKEN } });
      expect(result.code).toBe(0);
      expect(broker.requests.length).toBeGreaterThan(1);
      for (const request of broker.requests) {
        expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
        expect(request.url).not.toContain(TOKEN);
        expect(request.body).not.toContain(TOKEN);
        const otherHeaders = Object.entries(request.headers).filter(([name]) => name !== 'authorization');
        expect(JSON.stringify(otherHeaders)).not.toContain(TOKEN);
      }
      expect(result.stdout + result.stderr).not.toContain(TOKEN);
    } finally {
      await broker.close();
    }
  });

  it('uses basic auth from PACT_BROKER_USERNAME and PACT_BROKER_PASSWORD', async () => {
    const broker = await startBrokerDouble();
    try {
      const result = await destconf(['publish', '--broker-url', broker.url, '--consumer-version', '1.0.0'], { env: { PACT_BROKER_USERNAME: 'ci', PACT_BROKER_PASSWORD: 'pw-93kd' } });
      expect(result.code).toBe(0);
      expect(broker.requests[0]!.headers.authorization).toBe(`Basic ${Buffer.from('ci:pw-93kd').toString('base64')}`);
      expect(result.stdout).not.toContain('pw-93kd');
    } finally {
      await broker.close();
    }
  });

  it('defaults the version and branch to the git commit and branch', async () => {
    const broker = await startBrokerDouble();
    try {
      const commit = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
      const result = await destconf(['publish', '--broker-url', broker.url]);
      expect(result.code).toBe(0);
      expect(broker.published()[0]!.pacticipantVersionNumber).toBe(commit);
    } finally {
      await broker.close();
    }
  });

  it('--dry-run prints the plan and sends nothing', async () => {
    const broker = await startBrokerDouble();
    try {
      const result = await destconf(['publish', '--broker-url', broker.url, '--consumer-version', '9.9.9', '--branch', 'main', '--dry-run'], { env: { PACT_BROKER_TOKEN: TOKEN } });
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('Would publish 5 pact(s)');
      expect(result.stdout).toContain('version 9.9.9 on branch main');
      expect(result.stdout).not.toContain(TOKEN);
      expect(broker.requests).toHaveLength(0);
    } finally {
      await broker.close();
    }
  });

  it('exits 1 when the broker refuses, and 2 for unusable input', async () => {
    const broker = await startBrokerDouble({ publishStatus: 422 });
    try {
      expect((await destconf(['publish', '--broker-url', broker.url, '--consumer-version', '1.0.0'])).code).toBe(1);
    } finally {
      await broker.close();
    }
    for (const args of [[], ['--broker-url', 'not a url'], ['--broker-url', 'http://user:pw@x.example'], ['--broker-url', 'http://x.example', '--pact-dir', '/nonexistent']]) {
      const result = await destconf(['publish', ...args], { env: { PACT_BROKER_BASE_URL: '' } });
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});

describe('destconf can-i-deploy', () => {
  it.each([
    [true, 0],
    [false, 1],
  ])('passes the verdict through (deployable %s -> exit %i)', async (deployable, code) => {
    const broker = await startBrokerDouble({ deployable });
    try {
      const result = await destconf(['can-i-deploy', '--broker-url', broker.url, '--version', '1.4.2', '--to-environment', 'test'], { env: { PACT_BROKER_TOKEN: TOKEN } });
      expect(result.code, result.stdout + result.stderr).toBe(code);
      const matrix = broker.requests.find((r) => r.url.startsWith('/matrix'))!;
      const query = decodeURIComponent(matrix.url);
      expect(query).toContain('q[][pacticipant]=destination-contracts');
      expect(query).toContain('q[][version]=1.4.2');
      expect(query).toContain('environment=test');
      expect(result.stdout).toMatch(deployable ? /✓ deployable/ : /✗ not deployable/);
      expect(result.stdout).not.toContain(TOKEN);
    } finally {
      await broker.close();
    }
  });

  // `pact broker can-i-deploy --output json` exits 0 on "no": the verdict must come from the answer.
  it.each([
    [true, 0],
    [false, 1],
  ])('under --json, the verdict is still the exit code, with one JSON object on stdout (deployable %s -> exit %i)', async (deployable, code) => {
    const broker = await startBrokerDouble({ deployable });
    try {
      const result = await destconf(['can-i-deploy', '--broker-url', broker.url, '--version', '1.4.2', '--to-environment', 'production', '--json'], { env: { PACT_BROKER_TOKEN: TOKEN } });
      expect(result.code, result.stdout + result.stderr).toBe(code);
      expect(JSON.parse(result.stdout)).toMatchObject({ deployable, pacticipant: 'destination-contracts', version: '1.4.2', environment: 'production' });
    } finally {
      await broker.close();
    }
  });

  it('an environment the broker does not know is a configuration error (exit 2, one line naming it), with and without --json', async () => {
    const broker = await startBrokerDouble();
    try {
      for (const extra of [[], ['--json']]) {
        const result = await destconf(['can-i-deploy', '--broker-url', broker.url, '--version', '1.4.2', '--to-environment', 'staging', ...extra], { env: { PACT_BROKER_TOKEN: TOKEN } });
        expect(result.code, result.stdout + result.stderr).toBe(2);
        expect(result.stdout + result.stderr).toMatch(/staging/);
        if (extra.length > 0) expect(() => JSON.parse(result.stdout)).not.toThrow();
        else expect(result.stderr.trim().split('\n')).toHaveLength(1);
      }
    } finally {
      await broker.close();
    }
  });
});

describe('destconf verify --publish-verification-results', () => {
  it('verifies the pacts from the broker and publishes the results with the provider version and branch', async () => {
    const broker = await startBrokerDouble();
    try {
      await destconf(['publish', '--broker-url', broker.url, '--consumer-version', '1.0.0', '--branch', 'main'], { env: { PACT_BROKER_TOKEN: TOKEN } });
      const result = await destconf(['verify', '--vendor', 'stitch', '--publish-verification-results', '--provider-version', '2.0.0', '--provider-branch', 'main', '--broker-url', broker.url], { env: { PACT_BROKER_TOKEN: TOKEN } });
      expect(result.code, result.stdout + result.stderr).toBe(0);
      expect(broker.requests.some((r) => r.method === 'POST' && r.url === '/pacts/provider/stitch-api/for-verification')).toBe(true);
      expect(broker.providerVersions).toEqual([{ pacticipant: 'stitch-api', branch: 'main', version: '2.0.0' }]);
      expect(broker.verificationResults).toEqual([expect.objectContaining({ provider: 'stitch-api', consumer: 'destination-contracts', result: expect.objectContaining({ success: true, providerApplicationVersion: '2.0.0' }) })]);
      for (const request of broker.requests) {
        expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
        expect(request.url + request.body).not.toContain(TOKEN);
      }
      expect(result.stdout + result.stderr).not.toContain(TOKEN);
    } finally {
      await broker.close();
    }
  });

  it('publishes a failure when the provider deviates', async () => {
    const { verify } = await import('../src/verify/index.js');
    const broker = await startBrokerDouble();
    try {
      await destconf(['publish', '--broker-url', broker.url, '--consumer-version', '1.0.0', '--branch', 'main']);
      const report = await verify({ vendors: ['stitch'], sandbox: { overrides: { stitch: { successStatus: 201 } } }, publish: { brokerUrl: broker.url, providerVersion: '2.0.1' } });
      expect(report.results.some((r) => r.status === 'failed')).toBe(true);
      expect(broker.verificationResults).toEqual([expect.objectContaining({ result: expect.objectContaining({ success: false, providerApplicationVersion: '2.0.1' }) })]);
    } finally {
      await broker.close();
    }
  });

  it('needs --provider-version and --broker-url (exit 2)', async () => {
    expect((await destconf(['verify', '--publish-verification-results', '--broker-url', 'http://127.0.0.1:9'])).stderr).toMatch(/needs --provider-version/);
    expect((await destconf(['verify', '--publish-verification-results', '--provider-version', '1'], { env: { PACT_BROKER_BASE_URL: '' } })).code).toBe(2);
  });
});
