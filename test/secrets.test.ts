import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { destconfInProcess } from './helpers/cli.js';
import { ROOT } from './helpers/cli.js';
import { verify } from './helpers/vendors.js';

/** Secrets a user might have: printable, long enough to be recognisable. */
const secret = fc.stringMatching(/^[A-Za-z0-9_\-.~+/]{12,40}$/);

async function runInProcess(argv: string[], file: string): Promise<string> {
  const { out, err } = await destconfInProcess([...argv, file]);
  return out + err;
}

describe('secrets never reach output', () => {
  it('a secret inside a payload secret field never appears in validate output, valid or not', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'destconf-secrets-'));
    const documents = (s: string): [string, string, unknown][] => [
      ['prequel', 'request', { destination: { postgres: { port: 'not-a-number', auth_method: 'password_auth', password_auth: { username: 'u', password: s } } } }],
      ['prequel', 'request', { destination: { postgres: { password_auth: { password: s, extra: 1 } } } }],
      ['stitch', 'request', { type: 'postgres', connection: { password: s, port: 'x' } }],
      ['ampersand', 'request', { updateMask: ['secrets.awsSecretKey', 'bogus'], destination: { secrets: { awsSecretKey: s, awsKeyId: 7 } } }],
      ['redox', 'request', { verificationToken: s, endpoint: 'http://insecure' }],
    ];
    await fc.assert(
      fc.asyncProperty(secret, async (s) => {
        for (const [i, [vendor, kind, document]] of documents(s).entries()) {
          const file = join(dir, `doc-${i}.json`);
          writeFileSync(file, JSON.stringify(document));
          const output = await runInProcess(['validate', '--vendor', vendor, '--kind', kind, '--json'], file);
          if (output.includes(s)) throw new Error(`${vendor}: the secret appears in the output`);
          const human = await runInProcess(['validate', '--vendor', vendor, '--kind', kind], file);
          if (human.includes(s)) throw new Error(`${vendor}: the secret appears in the output`);
        }
      }),
    );
  });

  it('credentials given through the environment never appear in verify results', async () => {
    await fc.assert(
      fc.asyncProperty(secret, secret, async (token, apiKey) => {
        fc.pre(token !== apiKey);
        const report = await verify({
          vendors: ['redox', 'prequel'],
          baseUrl: 'http://127.0.0.1:9',
          timeoutMs: 200,
          env: { DESTCONF_REDOX_TOKEN: token, DESTCONF_REDOX_DESTINATION_ID: 'd', DESTCONF_PREQUEL_API_KEY: apiKey, DESTCONF_PREQUEL_DESTINATION_ID: 'd' },
        });
        const text = JSON.stringify(report);
        expect(text).not.toContain(token);
        expect(text).not.toContain(apiKey);
      }),
      { numRuns: 3 },
    );
  }, 120_000);

  it('the committed pacts and the reports hold no credential the suite knows', async () => {
    const { VENDOR_MODULES } = await import('./helpers/vendors.js');
    for (const file of readdirSync(join(ROOT, 'contracts/pacts'))) {
      const text = readFileSync(join(ROOT, 'contracts/pacts', file), 'utf8');
      for (const credential of VENDOR_MODULES.map((v) => v.sandbox.credential)) expect(text).not.toContain(credential);
      expect(text).not.toMatch(/contract-secret-|(?<![0-9a-zA-Z])[0-9a-f]{32}(?![0-9a-zA-Z])/);
      expect(text).toMatch(/PLACEHOLDER_(TOKEN|API_KEY)/);
    }
  });
});

describe('redaction works on values however they are printed', () => {
  it('masks a credential echoed JSON-escaped, URL-encoded, form-encoded or as base64 Basic auth', async () => {
    const { Redactor } = await import('../src/util/redact.js');
    const token = 'to"k\\en with space/+&=';
    const redactor = new Redactor().add(token).addBasicAuth('broker-user', 'broker-p"ss\\word');
    const printed = [
      JSON.stringify({ echoed: token }),
      `?access_token=${encodeURIComponent(token)}`,
      new URLSearchParams({ t: token }).toString(),
      `Authorization: Basic ${Buffer.from('broker-user:broker-p"ss\\word').toString('base64')}`,
      JSON.stringify({ password: 'broker-p"ss\\word' }),
    ].join('\n');
    const masked = redactor.text(printed);
    for (const form of ['to"k', 'to\\"k', encodeURIComponent(token), 'with+space', 'YnJva2VyLXVzZXI6', 'p\\"ss']) expect(masked).not.toContain(form);
    // Masked JSON stays JSON.
    expect(() => JSON.parse(redactor.text(JSON.stringify({ echoed: token })))).not.toThrow();
  });

  it('verify: a credential holding " and \\ never shows in results, whatever the provider echoes', async () => {
    const { createServer } = await import('node:http');
    const token = 'abc"def\\ghi-1234567';
    // A provider that echoes the request headers in every answer.
    const echo = createServer((req, res) => {
      req.resume();
      res.writeHead(req.url === '/' ? 200 : 401, { 'content-type': 'application/json' }).end(JSON.stringify({ headers: req.headers }));
    });
    await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r));
    try {
      const report = await verify({ vendors: ['redox'], baseUrl: `http://127.0.0.1:${(echo.address() as { port: number }).port}`, env: { DESTCONF_REDOX_TOKEN: token, DESTCONF_REDOX_DESTINATION_ID: 'd' }, timeoutMs: 3000 });
      const text = JSON.stringify(report.results);
      expect(report.results.length).toBeGreaterThan(3);
      expect(text).not.toContain(JSON.stringify(token).slice(1, -1));
      expect(text).not.toContain('def\\\\ghi');
      expect(text).not.toContain('abc"def');
    } finally {
      echo.close();
    }
  }, 60_000);
});
