import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { destconf, ROOT } from './helpers/cli.js';
import { startBrokerDouble } from './helpers/broker-double.js';

const TOKEN = 'broker-token-7f3a9c1d';
const committed = (consumer: string, provider: string) => readFileSync(join(ROOT, 'contracts/pacts', `${consumer}-${provider}.json`), 'utf8');

/** A pact folder holding the committed pacts of these providers only (a matrix about one provider reads simply). */
function pactDir(providers: readonly string[], edit: (pact: Record<string, unknown>) => Record<string, unknown> = (p) => p, consumer = 'destination-contracts'): string {
  const dir = mkdtempSync(join(tmpdir(), 'destconf-broker-pacts-'));
  for (const provider of providers) {
    const pact = JSON.parse(committed('destination-contracts', provider)) as Record<string, unknown>;
    writeFileSync(join(dir, `${consumer}-${provider}.json`), JSON.stringify(edit({ ...pact, consumer: { name: consumer } })));
  }
  return dir;
}

const changedContent = (pact: Record<string, unknown>) => ({ ...pact, interactions: (pact.interactions as Record<string, unknown>[]).slice(1) });

/** The pact CLI's Rust binary, which outlived its node wrapper before it ran in a process group of its own. */
function pactBinariesRunning(): number {
  try {
    return execFileSync('pgrep', ['-f', 'pact-cli-linux-x64'], { encoding: 'utf8' }).trim().split('\n').filter(Boolean).length;
  } catch {
    return 0;
  }
}

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

  it('an open-source broker with basic auth: the username and password are sent, a bearer token is told apart (exit 2)', async () => {
    const broker = await startBrokerDouble({ basicAuth: { username: 'ci', password: 'pw-93kd' } });
    try {
      const result = await destconf(['publish', '--broker-url', broker.url, '--consumer-version', '1.0.0'], { env: { PACT_BROKER_USERNAME: 'ci', PACT_BROKER_PASSWORD: 'pw-93kd' } });
      expect(result.code, result.stdout + result.stderr).toBe(0);
      expect(broker.pacts()).toHaveLength(5);
      for (const request of broker.requests) expect(request.headers.authorization).toBe(`Basic ${Buffer.from('ci:pw-93kd').toString('base64')}`);
      expect(result.stdout + result.stderr).not.toContain('pw-93kd');
      const bearer = await destconf(['publish', '--broker-url', broker.url, '--consumer-version', '1.0.1'], { env: { PACT_BROKER_TOKEN: TOKEN } });
      expect(bearer.code).toBe(2);
      expect(bearer.stderr.trim()).toMatch(/answered HTTP 400 to the bearer token: an open-source Pact Broker takes basic auth \(PACT_BROKER_USERNAME and PACT_BROKER_PASSWORD\)/);
      const wrong = await destconf(['publish', '--broker-url', broker.url, '--consumer-version', '1.0.1'], { env: { PACT_BROKER_USERNAME: 'ci', PACT_BROKER_PASSWORD: 'wrong' } });
      expect(wrong.code).toBe(2);
      expect(wrong.stderr.trim()).toMatch(/refused the credentials \(HTTP 401\)/);
      expect(broker.pacts().map((p) => p.consumerVersion)).not.toContain('1.0.1');
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

  it('other content under a published consumer version is refused (exit 1); the pacts before it are published', async () => {
    const broker = await startBrokerDouble();
    try {
      expect((await destconf(['publish', '--broker-url', broker.url, '--consumer-version', '1.0.0', '--pact-dir', pactDir(['stitch-api'])])).code).toBe(0);
      // The same content again is fine; other content under 1.0.0 is not.
      expect((await destconf(['publish', '--broker-url', broker.url, '--consumer-version', '1.0.0', '--pact-dir', pactDir(['stitch-api'])])).code).toBe(0);
      const result = await destconf(['publish', '--broker-url', broker.url, '--consumer-version', '1.0.0', '--pact-dir', pactDir(['ampersand-api', 'stitch-api'], (p) => ((p.provider as { name: string }).name === 'stitch-api' ? changedContent(p) : p))]);
      expect(result.code, result.stdout + result.stderr).toBe(1);
      expect(result.stdout + result.stderr).toMatch(/Cannot change the content of the pact for destination-contracts version 1\.0\.0 and provider stitch-api/);
      // The stored pact is the first content; the CLI goes file by file and stops at the refusal: what it published before is there.
      const stored = broker.pacts();
      expect(stored.filter((p) => p.provider === 'stitch-api')).toHaveLength(1);
      expect(broker.published().filter((b) => b.contracts[0]!.providerName === 'stitch-api')).toHaveLength(3);
      const before = [...result.stdout.matchAll(/Pact published successfully for consumer: destination-contracts against provider: (\S+)/g)].map((m) => m[1]);
      expect(stored.map((p) => p.provider).sort()).toEqual([...new Set(['stitch-api', ...before])].sort());
    } finally {
      await broker.close();
    }
  });

  it('a broker that hangs, redirects, fails or is not a broker is given up with one line, exit 2, and no pact process left', async () => {
    const cases: [Parameters<typeof startBrokerDouble>[0], RegExp][] = [
      [{ hangOn: '/' }, /cannot reach the broker at .*: no answer within 2000 ms/],
      [{ hangOn: '/contracts/publish' }, /did not let `pact broker publish` finish within 2 s/],
      [{ failWith: { status: 307, location: 'https://elsewhere.example/' } }, /answered HTTP 307 \(to https:\/\/elsewhere\.example\/\): redirects are not followed/],
      [{ failWith: { status: 500 } }, /failed \(HTTP 500\): failing on purpose/],
      [{ failWith: { status: 200 } }, /not as a Pact Broker/],
    ];
    for (const [behaviour, message] of cases) {
      const broker = await startBrokerDouble(behaviour);
      try {
        const started = Date.now();
        const result = await destconf(['publish', '--broker-url', broker.url, '--consumer-version', '1.0.0', '--broker-timeout', '2', '--json']);
        expect(result.code, JSON.stringify(behaviour) + result.stderr).toBe(2);
        expect(result.stderr.trim().split('\n')).toHaveLength(1);
        expect(result.stderr).toMatch(message);
        expect(JSON.parse(result.stdout)).toMatchObject({ error: { exitCode: 2 } });
        expect(Date.now() - started).toBeLessThan(20_000);
        expect(pactBinariesRunning()).toBe(0);
      } finally {
        await broker.close();
      }
    }
  }, 90_000);

  it('a version, branch, tag, pacticipant or environment that is not one path segment is refused before the broker is asked', async () => {
    const { createServer } = await import('node:http');
    let asked = 0;
    const broker = createServer((req, res) => {
      asked += 1;
      req.resume().on('end', () => res.writeHead(500).end());
    });
    await new Promise<void>((resolve) => broker.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(broker.address() as { port: number }).port}`;
    try {
      const cases: [string[], RegExp][] = [
        [['record-deployment', '--environment', 'production', '--version', '..'], /--version "\.\." is a dot-segment/],
        [['record-release', '--environment', '.', '--version', '1.0'], /--environment "\." is a dot-segment/],
        [['record-deployment', '--environment', 'production', '--version', '1.0\n2.0'], /--version "1\.0\\n2\.0" holds a control character/],
        [['can-i-deploy', '--version', '1.0', '--pacticipant', '..'], /--pacticipant "\.\." is a dot-segment/],
        [['can-i-deploy', '--version', ' 1.0'], /surrounding whitespace/],
        [['publish', '--consumer-version', '1.0', '--tag', '..'], /--tag "\.\." is a dot-segment/],
        [['publish', '--consumer-version', '1.0', '--branch', ''], /--branch is empty/],
        [['verify', '--vendor', 'stitch', '--publish-verification-results', '--provider-version', '..'], /--provider-version "\.\." is a dot-segment/],
      ];
      for (const [args, reason] of cases) {
        const result = await destconf([...args, '--broker-url', url], { env: { PACT_BROKER_TOKEN: TOKEN } });
        expect(result.code, args.join(' ')).toBe(2);
        expect(result.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
        expect(result.stderr).toMatch(reason);
      }
      expect(asked).toBe(0);
    } finally {
      broker.close();
    }
  }, 60_000);

  it('a broker that echoes the Authorization header in its refusal: the credential is masked in every spelling', async () => {
    const { createServer } = await import('node:http');
    const echoing = createServer((req, res) => req.resume().on('end', () => res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: `bad auth: ${req.headers.authorization}` }))));
    await new Promise<void>((resolve) => echoing.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(echoing.address() as { port: number }).port}`;
    try {
      for (const env of [{ PACT_BROKER_TOKEN: TOKEN }, { PACT_BROKER_USERNAME: 'ci-user', PACT_BROKER_PASSWORD: 'pw-ECHOED-55aa' }]) {
        for (const args of [['publish', '--consumer-version', '1'], ['can-i-deploy', '--version', '1'], ['record-deployment', '--version', '1', '--environment', 'production'], ['verify', '--vendor', 'stitch', '--publish-verification-results', '--provider-version', '1']]) {
          const result = await destconf([...args, '--broker-url', url], { env });
          expect(result.code).toBe(2);
          const text = result.stdout + result.stderr;
          expect(text).toMatch(/refused the credentials \(HTTP 401\)/);
          for (const secret of [TOKEN, 'pw-ECHOED-55aa', Buffer.from('ci-user:pw-ECHOED-55aa').toString('base64'), Buffer.from(TOKEN).toString('base64')]) expect(text, args[0]).not.toContain(secret);
        }
      }
    } finally {
      echoing.close();
    }
  }, 60_000);

  it('exits 2 for unusable input', async () => {
    for (const args of [[], ['--broker-url', 'not a url'], ['--broker-url', 'http://user:pw@x.example'], ['--broker-url', 'http://x.example', '--pact-dir', '/nonexistent'], ['--broker-url', 'http://x.example', '--broker-timeout', '0']]) {
      const result = await destconf(['publish', ...args], { env: { PACT_BROKER_BASE_URL: '' } });
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});

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
