/**
 * Interrupts and broken networks: a Ctrl-C at any moment leaves the pacts as they were, stops every
 * child and writes what is known; a redirect never carries a credential to another origin; a hung
 * provider or an unreachable broker gives a verdict in bounded time.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WORKER_SCRATCH_PREFIX } from '../src/client-check/worker-scratch.js';
import { documentedExample } from '../src/contracts/index.js';
import { destconf, ROOT } from './helpers/cli.js';
import { mutantAdapter } from './helpers/mutant-clients.js';
import { vendorModule, verify } from './helpers/vendors.js';

const BIN = join(ROOT, 'bin/destconf');
const dirs: string[] = [];
const scratch = (name: string) => {
  const dir = mkdtempSync(join(tmpdir(), `destconf-${name}-`));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Runs the CLI and sends `signal` after `afterMs`; resolves with the exit code and output. */
function interrupted(args: string[], signal: NodeJS.Signals, afterMs: number, env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; pid: number }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1', ...env } });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.resume();
    const timer = setTimeout(() => child.kill(signal), afterMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, pid: child.pid! });
    });
  });
}

/** Resolves once `seen()` holds (polled every 5 ms: a child's output arrives in chunks). */
const until = (seen: () => boolean): Promise<void> =>
  new Promise((resolve) => {
    const waiting = setInterval(() => {
      if (!seen()) return;
      clearInterval(waiting);
      resolve();
    }, 5);
  });

/** Processes still alive that were started with this TMPDIR (the command and its children). */
const survivorsOf = (temp: string): number =>
  readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(`TMPDIR=${temp}`);
      } catch {
        return false;
      }
    }).length;


describe('Ctrl-C during contracts leaves the pacts byte-identical', () => {
  it.concurrent.each([150, 700, 1500, 2500, 4000])('an interrupt after %i ms', async (afterMs) => {
    const out = scratch(`pacts-${afterMs}`);
    cpSync(join(ROOT, 'contracts/pacts'), out, { recursive: true });
    // Sentinels: a half-written or swapped-in file shows up at once.
    const files = readdirSync(out);
    for (const file of files) writeFileSync(join(out, file), `sentinel ${file}\n`);
    const run = await interrupted(['contracts', '--out', out], 'SIGINT', afterMs);
    const after = Object.fromEntries(readdirSync(out).map((f) => [f, readFileSync(join(out, f), 'utf8')]));
    expect(Object.keys(after).sort()).toEqual([...files].sort());
    // 130: our handler ran; null: the signal came before Node had started the command at all.
    if (run.code === 130 || run.code === null) {
      for (const file of files) expect(after[file]).toBe(`sentinel ${file}\n`);
    } else {
      // Finished before the signal: every pact complete, as committed.
      expect(run.code).toBe(0);
      for (const file of files) expect(after[file]).toBe(readFileSync(join(ROOT, 'contracts/pacts', file), 'utf8'));
    }
  }, 60_000);
});

describe('interrupting check-client and verify', () => {
  it('check-client: exit 130, the adapter process stopped, the reports so far marked interrupted', async () => {
    const adapter = mutantAdapter('interrupted', 'const response = await fetch(', 'await new Promise((r) => setTimeout(r, 300));\n  const response = await fetch(');
    const reports = scratch('interrupted-reports');
    const temp = scratch('interrupted-tmp');
    const run = await interrupted(['check-client', '--adapter', adapter, '--vendor', 'redox', '--runs', '50', '--reports', reports], 'SIGINT', 10_000, { TMPDIR: temp }); // mid-run: the whole run takes over 25 s at 300 ms a call, the first results come after ~3 s (more on a loaded machine)
    expect(run.code).toBe(130);
    const document = JSON.parse(readFileSync(join(reports, 'results.json'), 'utf8')) as { interrupted?: string; results: unknown[] };
    expect(document.interrupted).toBe('SIGINT');
    expect(document.results.length).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 300));
    expect(survivorsOf(temp)).toBe(0);
    expect(readdirSync(temp)).toEqual([]);
  }, 60_000);

  it('conformance: Ctrl-C in the check-client step exits 130, marks the reports interrupted, records no false failure, leaves no worker', async () => {
    const reports = scratch('conformance-interrupted');
    const temp = scratch('conformance-interrupted-tmp');
    const child = spawn(process.execPath, [BIN, 'conformance', '--vendor', 'redox', '--reports', reports], { env: { ...process.env, NO_COLOR: '1', TMPDIR: temp } });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.resume();
    // check-client runs beside the other steps: its adapter process makes its scratch folder when it reaches the
    // contract scenarios, seconds before its last scenario and its quiet period are done.
    await until(() => readdirSync(temp).some((name) => name.startsWith(WORKER_SCRATCH_PREFIX)));
    child.kill('SIGINT');
    const code = await exited;
    expect(code, stdout).toBe(130);
    const document = JSON.parse(readFileSync(join(reports, 'results.json'), 'utf8')) as { interrupted?: string; results: { status: string; message?: string; name: string }[] };
    expect(document.interrupted).toBe('SIGINT');
    expect(document.results.filter((r) => r.status === 'failed')).toEqual([]);
    await new Promise((r) => setTimeout(r, 300));
    expect(survivorsOf(temp)).toBe(0);
    expect(readdirSync(temp)).toEqual([]);
  }, 60_000);

  it('verify: SIGTERM exits 143 and leaves no Pact verifier running', async () => {
    const temp = scratch('verify-tmp');
    const child = spawn(process.execPath, [BIN, 'verify', '--vendor', 'prequel'], { env: { ...process.env, NO_COLOR: '1', TMPDIR: temp } });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.resume();
    // After the last probe the Pact verifier starts (about a second of work): the signal comes then, whatever the machine's speed.
    await until(() => stdout.includes('PATCH merges inside a block'));
    await new Promise((r) => setTimeout(r, 150));
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code, stdout).toBe(143);
    await new Promise((r) => setTimeout(r, 300));
    expect(survivorsOf(temp)).toBe(0);
    expect(readdirSync(temp)).toEqual([]);
  }, 60_000);
});

describe('no credential follows a redirect to another origin', () => {
  it('verify: the probes and the Pact verifier send nothing of it there, and say "not followed"', async () => {
    const seen: IncomingHttpHeaders[] = [];
    const elsewhere = createServer((req, res) => {
      seen.push(req.headers);
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    await new Promise<void>((r) => elsewhere.listen(0, '127.0.0.1', r));
    const other = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}`;
    const redirecting = createServer((req, res) => {
      req.resume();
      if (req.url === '/') return void res.writeHead(200).end('ok');
      res.writeHead(307, { location: `${other}${req.url}` }).end();
    });
    await new Promise<void>((r) => redirecting.listen(0, '127.0.0.1', r));
    try {
      const report = await verify({
        vendors: ['prequel'],
        baseUrl: `http://127.0.0.1:${(redirecting.address() as AddressInfo).port}`,
        env: { DESTCONF_PREQUEL_API_KEY: 'the-real-api-key-42', DESTCONF_PREQUEL_DESTINATION_ID: documentedExample(vendorModule('prequel')).params.destinationId },
        timeoutMs: 3000,
      });
      expect(JSON.stringify(seen)).not.toContain('the-real-api-key-42');
      expect(report.results.some((r) => /redirected \(HTTP 307\) to http:\/\/127\.0\.0\.1:\d+; not followed/.test(r.message ?? ''))).toBe(true);
      expect(report.results.filter((r) => r.status === 'passed').map((r) => `${r.name} ${r.message ?? ''}`)).toEqual([]);
    } finally {
      redirecting.close();
      elsewhere.close();
    }
  }, 60_000);
});

describe('fast, clear failure on a broken network', () => {
  it('a provider that accepts connections and never answers: a verdict within about 3 timeouts', async () => {
    let requests = 0;
    const silent = createServer(() => void requests++);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    try {
      const report = await verify({
        vendors: ['redox'],
        baseUrl: `http://127.0.0.1:${(silent.address() as AddressInfo).port}`,
        env: { DESTCONF_REDOX_TOKEN: vendorModule('redox').sandbox.credential, DESTCONF_REDOX_DESTINATION_ID: 'd' },
        timeoutMs: 1000,
      });
      // One request waits out its timeout, and the run stops there: not one timeout per check.
      expect(requests).toBe(1);
      expect(report.results).toEqual([expect.objectContaining({ status: 'failed', message: expect.stringMatching(/^cannot reach http:\/\/127\.0\.0\.1:\d+: no answer within 1000 ms$/) })]);
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  }, 30_000);

  it('an unreachable broker: exit 2 within seconds, distinct from "not deployable"', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const started = Date.now();
    for (const url of [`http://127.0.0.1:${port}`, 'http://127.0.0.1:1']) {
      const result = await destconf(['can-i-deploy', '--broker-url', url, '--version', 'v1'], { env: { PACT_BROKER_TOKEN: 'tok-123456' } });
      expect(result.code).toBe(2);
      expect(result.stderr.trim()).toMatch(/^destconf: cannot reach the broker at http:\/\/127\.0\.0\.1:\d+: (connection refused|fetch does not connect to this port: it is reserved for another protocol .*)$/);
    }
    expect(Date.now() - started).toBeLessThan(15_000);
  }, 30_000);

  it('validate /dev/zero: exit 2 at once', async () => {
    const result = await destconf(['validate', '--vendor', 'redox', '/dev/zero']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/\/dev\/zero is larger than 32 MiB/);
  });
});
