/** `destconf publish` with the official pact CLI, against the broker double (test/helpers/broker-double.ts). */
import { describe, expect, it } from 'vitest';
import { destconf, ROOT } from './helpers/cli.js';
import { startBrokerDouble } from './helpers/broker-double.js';
import { TOKEN, committed, pactDir, changedContent, pactBinariesRunning, withoutCliStamp } from './helpers/broker-pacts.js';
import { execFileSync } from 'node:child_process';

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
        expect(pactBinariesRunning(broker.url)).toBe(0);
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
