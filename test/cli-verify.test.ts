import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { DESTCONF, destconf } from './helpers/cli.js';
import { vendorModule } from './helpers/vendors.js';

/** Starts `destconf sandbox --port 0` and resolves with its URL and a stop function. */
function startSandboxProcess(): Promise<{ url: string; stop: () => Promise<{ code: number | null; stdout: string }> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [DESTCONF, 'sandbox', '--port', '0'], { env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    const closed = new Promise<number | null>((r) => child.on('close', r));
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const match = /listening on (http:\/\/\S+)/.exec(stdout);
      if (match) resolve({ url: match[1]!, stop: async () => { child.kill('SIGTERM'); return { code: await closed, stdout }; } });
    });
    child.on('error', reject);
    setTimeout(() => reject(new Error(`sandbox did not start: ${stdout}`)), 10_000);
  });
}

describe('destconf sandbox and verify', () => {
  it('serves the sandbox until SIGTERM, then shuts down cleanly', async () => {
    const sandbox = await startSandboxProcess();
    const health = await fetch(sandbox.url);
    expect(health.status).toBe(200);
    const { code, stdout } = await sandbox.stop();
    expect(code).toBe(0);
    expect(stdout).toContain('sandbox stopped');
  });

  it('verifies a separately running sandbox through --base-url and environment variables, printing no credential', async () => {
    const sandbox = await startSandboxProcess();
    try {
      const env = { DESTCONF_STITCH_TOKEN: vendorModule('stitch').sandbox.credential, DESTCONF_STITCH_DESTINATION_ID: '86741' };
      // Stitch replaces the whole destination on PUT: a throwaway one (the sandbox) is overwritten knowingly.
      const result = await destconf(['verify', '--base-url', sandbox.url, '--allow-overwrite'], { env });
      expect(result.code, result.stdout + result.stderr).toBe(0);
      expect(result.stdout).toMatch(/○ streamkap: verification \(not configured: set DESTCONF_STREAMKAP_TOKEN, DESTCONF_STREAMKAP_DESTINATION_ID\)/);
      expect(result.stdout).toMatch(/✓ stitch: pact: a full replace of the connection/);
      expect(result.stdout).not.toContain(vendorModule('stitch').sandbox.credential);
      expect(result.stderr).not.toContain(vendorModule('stitch').sandbox.credential);
    } finally {
      await sandbox.stop();
    }
  }, 60_000);

  it('exits 2 when no vendor is configured, or the base URL is unusable', async () => {
    const none = await destconf(['verify', '--base-url', 'http://127.0.0.1:9'], { env: { DESTCONF_STITCH_TOKEN: '' } });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^destconf: no vendor to verify/);
    for (const url of ['not a url', 'ftp://x.example', 'http://x.example/?q=1', 'http://127.0.0.1:9/ ', ' http://127.0.0.1:9', 'http://127.0.0.1:9/a b', 'http://127.0.0.1:9/\t']) {
      const bad = await destconf(['verify', '--base-url', url]);
      expect(bad.code).toBe(2);
      expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('a run whose every check was skipped is no success (exit 2, saying why): a wrong base URL path, an unreadable destination', async () => {
    const { createServer } = await import('node:http');
    const nowhere = createServer((req, res) => req.resume().on('end', () => res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}')));
    await new Promise<void>((resolve) => nowhere.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(nowhere.address() as { port: number }).port}/v1`;
      const result = await destconf(['verify', '--vendor', 'ampersand', '--base-url', url], { env: { DESTCONF_AMPERSAND_API_KEY: 'k-1234567890abcdef', DESTCONF_AMPERSAND_PROJECT: 'p1', DESTCONF_AMPERSAND_DESTINATION_ID: 'd1' } });
      expect(result.code, result.stdout).toBe(2);
      expect(result.stderr.trim()).toMatch(/^destconf: nothing was verified: every check was skipped \(cannot read the destination's state before the run \(an update that changes nothing was answered HTTP 404\)/);
    } finally {
      nowhere.close();
    }
  });

  it('refuses an empty --host (node would listen on every interface)', async () => {
    for (const host of ['', '  ']) {
      const result = await destconf(['sandbox', '--host', host, '--port', '0']);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^destconf: --host is empty/);
    }
  });

  it('refuses a port in use with one line', async () => {
    const sandbox = await startSandboxProcess();
    try {
      const port = new URL(sandbox.url).port;
      const result = await destconf(['sandbox', '--port', port]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/port \d+ is in use/);
    } finally {
      await sandbox.stop();
    }
  });
});
