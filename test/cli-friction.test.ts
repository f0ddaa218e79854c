/** First-run friction: help that reads cleanly, seeds from 0, JSON errors, a sandbox that says how to call it. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { DESTCONF, ROOT, destconf } from './helpers/cli.js';

const COMMANDS = ['conformance', 'validate', 'contracts', 'sandbox', 'verify', 'check-client', 'openapi', 'publish', 'can-i-deploy', 'record-deployment', 'record-release', 'report'];

describe('the CLI on a first run', () => {
  it.concurrent.each(COMMANDS)('%s --help wraps cleanly and says each hint once', async (command) => {
    const { code, stdout } = await destconf([command, '--help']);
    expect(code).toBe(0);
    for (const line of stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
    // A description broken in the source shows as a short line in the middle of a paragraph.
    const description = (stdout.split('\n\n')[1] ?? '').split('\n');
    for (const line of description.slice(0, -1)) expect(line.length, line).toBeGreaterThanOrEqual(45);
    for (const variable of stdout.match(/\b(?:FC|DESTCONF|PACT_BROKER)_[A-Z_]+\b/g) ?? []) {
      const lines = stdout.split('\n').filter((l) => l.includes(variable));
      for (const line of lines) expect(line.split(variable).length - 1, line).toBe(1);
    }
  });

  it('takes --seed 0 like any other seed', async () => {
    const result = await destconf(['check-client', '--adapter', 'examples/reference-client/adapter.mjs', '--vendor', 'redox', '--runs', '3', '--seed', '0', '--json', '--reports', `${process.env.TMPDIR ?? '/tmp'}/seed-0`]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).context.seed).toBe(0);
  });

  it.concurrent.each([
    [['conformance'], { FC_NUM_RUNS: '99999999999' }, /value '99999999999' from env 'FC_NUM_RUNS' is invalid\. --runs must be at most 10000$/],
    [['check-client', '--adapter', 'examples/reference-client/adapter.mjs', '--runs', '10001'], {}, /--runs must be at most 10000$/],
    [['check-client', '--adapter', 'examples/reference-client/adapter.mjs'], { FC_NUM_RUNS: '0' }, /--runs must be a positive integer$/],
  ])('refuses a run count that cannot finish or is none (%s)', async (args, env, message) => {
    const result = await destconf(args, { env });
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toMatch(message);
  });

  it.concurrent.each([
    [['conformance', '--reports', '/proc/destconf-reports'], /^destconf: --reports: \/proc\/destconf-reports is on the special file system \/proc/],
    [['check-client', '--adapter', 'examples/reference-client/adapter.mjs', '--reports', '/sys/destconf'], /^destconf: --reports: .* special file system \/sys/],
    [['check-client', '--adapter', 'examples/reference-client/adapter.mjs', '--reports', 'destconf-never-made', '--pact-out', '/dev/null/pacts'], /^destconf: --pact-out: .* special file system \/dev/],
    [['contracts', '--out', 'package.json/pacts'], /^destconf: --out: cannot write to package\.json\/pacts \(ENOTDIR\)$/],
    [['openapi', '--out', '/proc/self/x'], /^destconf: --out: .* special file system \/proc/],
  ])('refuses an output folder that cannot be written before running anything (%s)', async (args, message) => {
    const started = Date.now();
    const result = await destconf(args);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toMatch(message);
    expect(Date.now() - started).toBeLessThan(10_000);
    // A refused run makes nothing: the --reports folder checked before the refused --pact-out is not created.
    expect(existsSync(join(ROOT, 'destconf-never-made'))).toBe(false);
  });

  it('refuses a TMPDIR that does not exist before running anything', async () => {
    for (const args of [['verify', '--vendor', 'redox'], ['check-client', '--adapter', 'examples/reference-client/adapter.mjs', '--reports', `${process.env.TMPDIR ?? '/tmp'}/tmpdir-check`]]) {
      const result = await destconf(args, { env: { TMPDIR: '/nonexistent-destconf-tmp/x' } });
      expect(result.code).toBe(2);
      expect(result.stderr.trim()).toBe('destconf: TMPDIR (/nonexistent-destconf-tmp/x) does not exist; set TMPDIR to a writable folder');
    }
  });

  it('prints a JSON error object on stdout for exit 2 under --json', async () => {
    const result = await destconf(['validate', '--vendor', 'redox', '--json', 'no-such-file.json']);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({ error: { message: 'cannot read no-such-file.json: no such file', exitCode: 2 } });
    expect(result.stderr.trim()).toBe('destconf: cannot read no-such-file.json: no such file');
  });

  it('starts the sandbox with the seeded ids and a ready curl per vendor', async () => {
    const child = spawn(process.execPath, [DESTCONF, 'sandbox', '--port', '0', '--json']);
    let out = '';
    await new Promise<void>((resolve) => child.stdout.on('data', (d: Buffer) => ((out += d.toString()), out.trim().endsWith('}') && resolve())));
    child.kill('SIGTERM');
    const banner = JSON.parse(out) as { url: string; vendors: { vendor: string; destinations: Record<string, string>[]; curl: string }[] };
    const redox = banner.vendors.find((v) => v.vendor === 'redox')!;
    expect(redox.destinations).toEqual([{ destinationId: '497f6eca-6276-4993-bfeb-53cbbbba6f08' }]);
    expect(redox.curl).toMatch(new RegExp(`^curl -X PATCH '${banner.url}/redox/platform/v1/destinations/497f6eca-6276-4993-bfeb-53cbbbba6f08' -H 'Authorization: Bearer sandbox-redox-token'`));
    // The curl works as printed.
    const sandbox = spawn(process.execPath, [DESTCONF, 'sandbox', '--port', new URL(banner.url).port]);
    // Listening once it says so (a fixed wait lost the race on a loaded machine).
    await new Promise<void>((resolve) => sandbox.stdout.on('data', (d: Buffer) => d.toString().includes('listening on') && resolve()));
    const { execSync } = await import('node:child_process');
    const answer = JSON.parse(execSync(`${redox.curl} -s`).toString()) as { payload: { destination: { id: string } } };
    sandbox.kill('SIGTERM');
    expect(answer.payload.destination.id).toBe('497f6eca-6276-4993-bfeb-53cbbbba6f08');
  }, 30_000);
});
