/**
 * No false green, ever: whatever an adapter does — exit, crash, hang, loop, throw from a timer,
 * leave a rejection unhandled, replace globals, print — check-client gives an honest verdict: exit 2
 * when it cannot be loaded, exit 1 naming the scenario where it broke, never 0 without a complete run.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { destconf, ROOT } from './helpers/cli.js';
import { adapterWithSource } from './helpers/mutant-clients.js';

const REFERENCE = `${ROOT}/examples/reference-client/client.mjs`;
/** A redox adapter built on the reference client, with `body` run inside each call first. */
const redoxAdapter = (name: string, prelude: string, inCall = '') =>
  adapterWithSource(name, `import { redoxClient } from '${REFERENCE}';
${prelude}
export default { redox: (config) => { const client = redoxClient(config); return { updateDestination: async (input) => { ${inCall} return client.updateDestination(input); } }; } };
`);
const run = (adapter: string, extra: string[] = []) => destconf(['check-client', '--adapter', adapter, '--vendor', 'redox', '--runs', '5', '--timeout-ms', '1000', '--reports', join(dirname(adapter), 'reports'), ...extra]);

/** A misbehaving adapter (`prelude` at load, `inCall` in each call): exit 1, the finding named, no stack trace. */
async function failsNaming(name: string, prelude: string, inCall: string, named: RegExp): Promise<void> {
  const result = await run(redoxAdapter(name.replace(/\W+/g, '-'), prelude, inCall));
  expect(result.code, result.stdout + result.stderr).toBe(1);
  expect(result.stdout).toMatch(named);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

describe('check-client on misbehaving adapters', () => {
  it.concurrent.each([
    ['process.exit(0) at import', 'process.exit(0);', '30000', /cannot load adapter .*: the adapter ended the process while loading \(exit code 0\)/],
    ['an import that never settles', 'await new Promise(() => {});', '3000', /cannot load adapter .*: the adapter did not finish loading within 3000 ms/],
  ])('%s: exit 2, one line', async (name, prelude, loadTimeout, reason) => {
    const result = await run(redoxAdapter(name.replace(/\W+/g, '-'), prelude), ['--load-timeout-ms', loadTimeout]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(reason);
  });

  it.concurrent.each([
    ['process.exit(0) in a call', '', 'process.exit(0);', /the adapter ended the suite's process in redox: contract interactions \(exit code 0\)/],
    ['process.exit(3) after a few calls', 'let calls = 0;', 'if (++calls === 12) process.exit(3);', /the adapter ended the suite's process in redox: .*\(exit code 3\)/],
    ['process.disconnect() in a call', '', 'process.disconnect();', /the adapter ended the suite's process in redox: contract interactions \(it cut the suite's channel to its process: process\.disconnect\(\)\)/],
    ['a synchronous loop in a call', '', 'for (;;) {}', /the adapter hung in redox: contract interactions: its event loop was blocked/],
    ['a throw from a timer', '', "setTimeout(() => { throw new Error('boom from a timer'); }, 0);", /threw outside a call .*boom from a timer/],
    ['an unhandled rejection', '', "Promise.reject(new Error('nobody handles me'));", /left a rejection unhandled: Error: nobody handles me/],
    ['a replaced global JSON', "globalThis.JSON = { stringify: () => '{}', parse: () => ({}) };", '', /the adapter replaced the global JSON/],
    ['a replaced global fetch, in a call', '', 'globalThis.fetch = async () => new Response("{}");', /the adapter replaced the global fetch/],
  ])('%s: exit 1, naming what happened', failsNaming, 60_000);

  // One at a time: a dozen concurrent adapter processes on two cores starve the suite's own watchdog.
  it.each([
    ['a credential written with fs.writeSync (as pino does)', "import { writeSync } from 'node:fs';", 'writeSync(1, `token=${config.credentials.token}\\n`);', /the credential never shows in anything the adapter's process wrote/],
    ['a credential written with process._rawDebug, base64', '', "process._rawDebug(Buffer.from(config.credentials.token).toString('base64'));", /wrote the redox credential \(the whole value, encoded\) to its output/],
    ['a credential in a rejection\'s cause', '', "throw new Error('update failed', { cause: { request: { headers: { authorization: `Bearer ${config.credentials.token}` } } } });", /credential leaked in the rejection/],
    ['a replaced String.prototype.includes', "String.prototype.includes = () => false;", '', /the adapter replaced the global String\.prototype\.includes/],
    ['a forged completion on the suite\'s channel', '', "process.send?.({ type: 'complete' });", /the adapter sent \d+ message\(s\) of its own on the suite's channel/],
  ])('%s: exit 1, naming what happened', failsNaming, 60_000);

  it('a helper process the client starts (a wrapped binary) ends with the run: after a pass, and after a scenario that hangs', async () => {
    const marker = `destconf-helper-${process.pid}-${Date.now()}`;
    const alive = () => readdirSync('/proc').filter((pid) => /^\d+$/.test(pid)).filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker);
      } catch {
        return false;
      }
    }).length;
    const start = `import { spawn } from 'node:child_process';\nspawn(process.execPath, ['-e', 'process.on("SIGTERM", () => {}); setInterval(() => {}, 1000)', '${marker}'], { stdio: 'ignore' }).unref();`;
    const passing = await run(redoxAdapter('helper-pass', start));
    expect(passing.code, passing.stdout).toBe(0);
    const hanging = await run(redoxAdapter('helper-hang', start, 'for (;;) {}'));
    expect(hanging.code).toBe(1);
    await new Promise((r) => setTimeout(r, 300));
    expect(alive()).toBe(0);
  }, 90_000);

  it('keeps --json parseable and the adapter\'s output (credentials masked) in the reports', async () => {
    const adapter = redoxAdapter('prints', "console.log('adapter loaded');", "console.log('calling with', JSON.stringify(input).slice(0, 20)); process.stderr.write('to stderr\\n');");
    const result = await run(adapter, ['--json']);
    const document = JSON.parse(result.stdout) as { results: unknown[]; adapterOutput: string };
    expect(document.results.length).toBeGreaterThan(10);
    expect(document.adapterOutput).toContain('adapter loaded');
    expect(readFileSync(join(dirname(adapter), 'reports', 'adapter-output.txt'), 'utf8')).toContain('to stderr');
  }, 60_000);

  it('masks a credential the adapter prints, and fails it', async () => {
    const withToken = adapterWithSource('prints-credential-2', `import { redoxClient } from '${REFERENCE}';
export default { redox: (config) => { console.log('my token is', config.credentials.token); return redoxClient(config); } };
`);
    const result = await run(withToken, ['--json']);
    expect(result.code).toBe(1);
    expect(result.stdout).not.toMatch(/(?<![0-9a-zA-Z])[0-9a-f]{32}(?![0-9a-zA-Z])/);
    expect(readFileSync(join(dirname(withToken), 'reports', 'adapter-output.txt'), 'utf8')).toMatch(/my token is \*\*\*/);
  }, 60_000);

  it('keeps the verdict through a pipe that closes early (pipefail)', async () => {
    const adapter = redoxAdapter('pipe', '', 'process.exit(0);');
    const bin = join(ROOT, 'bin/destconf');
    const shell = promisify(execFile);
    const outcome = await shell('bash', ['-o', 'pipefail', '-c', `"${process.execPath}" "${bin}" check-client --adapter "${adapter}" --vendor redox --runs 3 --reports "${dirname(adapter)}/r" | head -1`]).then(
      () => 0,
      (error: { code: number }) => error.code,
    );
    expect(outcome).toBe(1);
  }, 60_000);

  it('refuses a --timeout-ms no timer can hold', async () => {
    const result = await run(redoxAdapter('timeout', ''), ['--timeout-ms', String(2 ** 31)]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--timeout-ms must be at most 2147483647/);
  });
});
