/**
 * check-client --pact-out: the pacts a team publishes come from its own client, under its own
 * consumer name, and only from a run that passed. Tested end to end against the broker double:
 * check-client → publish → can-i-deploy, as examples/github-actions.yml does.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startBrokerDouble } from './helpers/broker-double.js';
import { destconf, ROOT } from './helpers/cli.js';

/** A user's repository: a package.json and a client with its adapter. */
function userProject(name: string | undefined, clientSource?: (source: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'destconf-user-project-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify(name ? { name, version: '1.0.0' } : { private: true }));
  const source = readFileSync(join(ROOT, 'examples/reference-client/client.mjs'), 'utf8');
  writeFileSync(join(dir, 'client.mjs'), clientSource ? clientSource(source) : source);
  copyFileSync(join(ROOT, 'examples/reference-client/adapter.mjs'), join(dir, 'adapter.mjs'));
  return dir;
}

describe('check-client --pact-out', () => {
  it('writes V4 pacts from the user\'s client under its package name; publish and can-i-deploy take them', async () => {
    const project = userProject('acme-destinations-client');
    const checked = await destconf(['check-client', '--adapter', './adapter.mjs', '--vendor', 'redox', '--runs', '10', '--reports', 'r', '--pact-out', 'pacts'], { cwd: project });
    expect(checked.code, checked.stdout + checked.stderr).toBe(0);
    expect(readdirSync(join(project, 'pacts'))).toEqual(['acme-destinations-client-redox-api.json']);
    const pact = JSON.parse(readFileSync(join(project, 'pacts', 'acme-destinations-client-redox-api.json'), 'utf8')) as { consumer: { name: string }; metadata: { pactSpecification: { version: string } }; interactions: { request: { generators?: { path?: { type: string } } } }[] };
    expect(pact.consumer.name).toBe('acme-destinations-client');
    expect(pact.metadata.pactSpecification.version).toBe('4.0');
    expect(pact.interactions.length).toBeGreaterThanOrEqual(6);
    // Provider-state paths: a provider verifies them with its own destination ids.
    for (const interaction of pact.interactions) expect(interaction.request.generators?.path?.type).toBe('ProviderState');
    expect(readFileSync(join(project, 'pacts', 'acme-destinations-client-redox-api.json'), 'utf8')).not.toMatch(/(?<![0-9a-zA-Z])[0-9a-f]{32}(?![0-9a-zA-Z])/);

    const broker = await startBrokerDouble();
    try {
      const env = { PACT_BROKER_TOKEN: 'tok-pact-out-1' };
      const published = await destconf(['publish', '--broker-url', broker.url, '--pact-dir', 'pacts', '--consumer-version', '1.0.0', '--branch', 'main'], { cwd: project, env });
      expect(published.code, published.stdout + published.stderr).toBe(0);
      expect(broker.published()).toEqual([expect.objectContaining({ pacticipantName: 'acme-destinations-client', pacticipantVersionNumber: '1.0.0' })]);
      expect(broker.published()[0]!.contracts.map((c) => `${c.consumerName} -> ${c.providerName}`)).toEqual(['acme-destinations-client -> redox-api']);
      // The pacticipant defaults to the package name, as --pact-out named the consumer.
      const before = await destconf(['can-i-deploy', '--broker-url', broker.url, '--version', '1.0.0'], { cwd: project, env });
      expect(before.code, before.stdout + before.stderr).toBe(1);
      expect(broker.requests.some((r) => r.url.startsWith('/matrix') && decodeURIComponent(r.url).includes('q[][pacticipant]=acme-destinations-client'))).toBe(true);
      // The provider verifies the user's pact from the broker (provider-state paths take the sandbox's ids) and is deployed: yes.
      const verified = await destconf(['verify', '--vendor', 'redox', '--publish-verification-results', '--provider-version', '7.0.0', '--broker-url', broker.url, '--consumer-version-selector', 'consumer=acme-destinations-client,branch=main'], { cwd: project, env });
      expect(verified.code, verified.stdout + verified.stderr).toBe(0);
      expect(verified.stdout).toMatch(/pact: .* \(acme-destinations-client 1\.0\.0\)/);
      expect((await destconf(['record-deployment', '--broker-url', broker.url, '--pacticipant', 'redox-api', '--version', '7.0.0', '--environment', 'production'], { cwd: project, env })).code).toBe(0);
      const deploy = await destconf(['can-i-deploy', '--broker-url', broker.url, '--version', '1.0.0'], { cwd: project, env });
      expect(deploy.code, deploy.stdout).toBe(0);
    } finally {
      await broker.close();
    }
  }, 120_000);

  it('writes no pact from a failing run, and says so; pacts already there stay as they were', async () => {
    const project = userProject('acme-broken-client', (source) => source.replace("method: 'PATCH', url: `${baseUrl}/platform", "method: 'PUT', url: `${baseUrl}/platform"));
    mkdirSync(join(project, 'pacts'));
    writeFileSync(join(project, 'pacts', 'acme-broken-client-redox-api.json'), 'the pact of the last good run\n');
    const checked = await destconf(['check-client', '--adapter', './adapter.mjs', '--vendor', 'redox', '--runs', '5', '--reports', 'r', '--pact-out', 'pacts'], { cwd: project });
    expect(checked.code).toBe(1);
    expect(checked.stdout).toMatch(/no pact written to .*pacts: the run did not pass/);
    expect(readdirSync(join(project, 'pacts'))).toEqual(['acme-broken-client-redox-api.json']);
    expect(readFileSync(join(project, 'pacts', 'acme-broken-client-redox-api.json'), 'utf8')).toBe('the pact of the last good run\n');
  }, 60_000);

  it('takes --consumer or DESTCONF_CONSUMER_NAME, and needs one of the three', async () => {
    const project = userProject(undefined);
    const none = await destconf(['check-client', '--adapter', './adapter.mjs', '--vendor', 'redox', '--pact-out', 'pacts'], { cwd: project });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/--pact-out needs a consumer name/);
    const named = await destconf(['check-client', '--adapter', './adapter.mjs', '--vendor', 'redox', '--runs', '3', '--reports', 'r', '--pact-out', 'pacts'], { cwd: project, env: { DESTCONF_CONSUMER_NAME: 'from-env' } });
    expect(named.code, named.stdout).toBe(0);
    expect(existsSync(join(project, 'pacts', 'from-env-redox-api.json'))).toBe(true);
  }, 60_000);

  it('refuses a consumer name that is not one file name (it would write outside the folder), before anything runs', async () => {
    const project = userProject('@acme/scoped-client');
    const cases: [string[], Record<string, string>, RegExp][] = [
      [['--consumer', '../../escaped'], {}, /--consumer "\.\.\/\.\.\/escaped" cannot name a pact file: it holds a path separator/],
      [['--consumer', '..\\x'], {}, /path separator/],
      [['--consumer', 'a\u001b[31mred'], {}, /control character/],
      [['--consumer', '..'], {}, /only dots/],
      [[], { DESTCONF_CONSUMER_NAME: '../up' }, /DESTCONF_CONSUMER_NAME "\.\.\/up" cannot name a pact file/],
      [[], {}, /the "name" in package\.json \(pass --consumer to choose another\) "@acme\/scoped-client" cannot name a pact file/],
    ];
    for (const [flags, env, message] of cases) {
      const run = await destconf(['check-client', '--adapter', './adapter.mjs', '--vendor', 'redox', '--pact-out', 'out/pacts', ...flags], { cwd: project, env });
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(message);
    }
    const contracts = await destconf(['contracts', '--vendor', 'redox', '--out', 'c/a/b'], { cwd: project, env: { DESTCONF_CONSUMER_NAME: '../../escaped' } });
    expect(contracts.code).toBe(2);
    expect(readdirSync(project).sort()).toEqual(['adapter.mjs', 'client.mjs', 'package.json']);
  }, 60_000);

  it('a run killed outright leaves its building folder; the next run beside it removes it', async () => {
    const project = userProject('acme-killed-client');
    mkdirSync(join(project, 'pacts'));
    // What a SIGKILLed run leaves: a building folder named after a process that no longer exists.
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    mkdirSync(join(project, 'pacts', `.destconf-building-${gone}-AbC123`));
    writeFileSync(join(project, 'pacts', `.destconf-building-${gone}-AbC123`, 'half.json'), '{');
    const checked = await destconf(['check-client', '--adapter', './adapter.mjs', '--vendor', 'redox', '--runs', '3', '--reports', 'r', '--pact-out', 'pacts'], { cwd: project });
    expect(checked.code, checked.stdout).toBe(0);
    expect(readdirSync(join(project, 'pacts'))).toEqual(['acme-killed-client-redox-api.json']);
  }, 60_000);
});
