/**
 * `verify --base-url` writes to a real destination: it must leave it as it found it. The sandbox
 * plays the live provider here (reached through --base-url, so verify treats it as live), and the
 * test reads the provider's stored state before and after the run.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { documentedExample } from '../src/contracts/index.js';
import { type Sandbox } from '../src/sandbox/server.js';
import { envNames } from '../src/verify/targets.js';
import { ROOT } from './helpers/cli.js';
import { type VendorId } from '../src/vendors/types.js';
import { contractOf, getVendor, planVerify, semanticsOf, startSandbox, vendorModule, verify } from './helpers/vendors.js';

let sandbox: Sandbox;
let dir: string;
beforeEach(async () => {
  sandbox = await startSandbox();
  dir = mkdtempSync(join(tmpdir(), 'destconf-live-safety-'));
});
afterEach(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

function envFor(vendor: VendorId, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const names = envNames(getVendor(vendor));
  const env: NodeJS.ProcessEnv = { [names.credential]: vendorModule(vendor).sandbox.credential, ...extra };
  for (const [key, name] of Object.entries(names.ids)) env[name] = documentedExample(vendorModule(vendor)).params[key];
  return env;
}

/** The provider's stored destination, update timestamp aside. */
function stored(vendor: VendorId): unknown {
  const behaviour = vendorModule(vendor).sandbox;
  const params = documentedExample(vendorModule(vendor)).params;
  const key = behaviour.keyOf(Object.fromEntries(getVendor(vendor).pathParameters.map((p) => [p.name, params[p.inputKey]!])))!;
  const { [getVendor(vendor).timestamps?.updated ?? '']: _moved, ...rest } = sandbox.store.get(vendor, key)!;
  return rest;
}

const liveVerify = (vendor: VendorId, env: NodeJS.ProcessEnv, extra: Partial<Parameters<typeof verify>[0]> = {}) =>
  verify({ vendors: [vendor], baseUrl: `${sandbox.url}/${vendor}`, env, timeoutMs: 5000, ...extra });

describe('verify --base-url leaves a live destination as it found it', () => {
  it.each(['prequel', 'ampersand', 'redox'] as const)('%s (PATCH): read first, restored at the end, proven by a second read', async (vendor) => {
    const before = stored(vendor);
    const report = await liveVerify(vendor, envFor(vendor));
    expect(stored(vendor)).toEqual(before);
    const restore = report.results.find((r) => r.name.startsWith('restore:'))!;
    expect(restore.status, restore.message).toBe('passed');
    // Secrets cannot be read back: the probes that would send one are skipped, never passed.
    const secretProbes = report.results.filter((r) => r.status === 'skipped');
    expect(secretProbes.length).toBeGreaterThan(0);
    for (const probe of secretProbes) expect(probe.message).toMatch(/would overwrite a stored secret/);
    expect(report.results.filter((r) => r.status === 'failed')).toEqual([]);
  }, 60_000);

  it('fails its own restore check when the restoring update does not put the destination back', async () => {
    const readBack = semanticsOf('redox').readBack!;
    const original = readBack.restoreBody;
    // Planned right (the first call), restored wrong (the restoring update puts nothing back).
    let calls = 0;
    (readBack as { restoreBody: (answer: unknown) => unknown }).restoreBody = (answer) => (++calls === 1 ? original(answer) : {});
    try {
      const report = await liveVerify('redox', envFor('redox'));
      const restore = report.results.find((r) => r.name.startsWith('restore:'))!;
      expect(restore.status).toBe('failed');
      expect(restore.message).toMatch(/the destination differs from how it was found: name/);
    } finally {
      (readBack as { restoreBody: (answer: unknown) => unknown }).restoreBody = original;
    }
  }, 60_000);

  it.each(['ampersand', 'redox'] as const)('%s (PATCH): no request that reaches the destination carries a secret, the pact replay included, without --allow-secret-writes', async (vendor) => {
    const { createServer, request } = await import('node:http');
    const { secretsWrittenBy } = await import('../suites/provider/probe.js');
    const { secretPointers } = await import('../src/schemas/walk.js');
    const definition = getVendor(vendor);
    const bodies: unknown[] = [];
    const recording = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        // Requests to another destination (an unknown id, another project) cannot touch the configured one.
        const { destinationId, projectIdOrName } = documentedExample(vendorModule(vendor)).params as Record<string, string | undefined>;
        const path = (req.url ?? '').split('?')[0]!;
        const own = path.endsWith(`/${encodeURIComponent(destinationId!)}`) && (projectIdOrName === undefined || path.includes(`/projects/${encodeURIComponent(projectIdOrName)}/`));
        try {
          if (own) bodies.push(JSON.parse(text));
        } catch {
          // not JSON: no secret field
        }
        const upstream = request(`${sandbox.url}/${vendor}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        });
        upstream.end(text);
      });
    });
    await new Promise<void>((resolve) => recording.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(recording.address() as { port: number }).port}`;
    // No secret value at all, not even one the field mask should make the provider ignore (whether it does is what
    // is being tested: a provider that applies unmasked fields would overwrite the stored secrets).
    const carrying = () => bodies.filter((b) => secretPointers(definition.schemas.request, b, definition.isSecretOpenKey).length > 0 || secretsWrittenBy(vendorModule(definition.id), b).length > 0).length;
    try {
      const report = await verify({ vendors: [vendor], baseUrl: url, env: envFor(vendor), timeoutMs: 5000 });
      expect(carrying()).toBe(0);
      expect(report.results.filter((r) => r.status === 'failed')).toEqual([]);
      expect(report.results.filter((r) => r.status === 'skipped' && /would overwrite a stored secret/.test(r.message ?? '')).length).toBeGreaterThan(0);
      // Most of the run still runs: the documented bodies write no secret (Ampersand's mask does not name them).
      expect(report.results.filter((r) => r.status === 'passed').length).toBeGreaterThan(10);
      // With the flag (a throwaway destination) they are sent: the count above can fail.
      bodies.length = 0;
      await verify({ vendors: [vendor], baseUrl: url, env: envFor(vendor), timeoutMs: 5000, allowSecretWrites: true });
      expect(carrying()).toBeGreaterThan(0);
    } finally {
      recording.closeAllConnections();
      recording.close();
    }
  }, 60_000);

  it('a PATCH provider whose state cannot be read: blocked without a restore file, and with one it is probed within what the file puts back, ending with it', async () => {
    const vendor = 'ampersand';
    const readBack = semanticsOf(vendor).readBack!;
    const { createServer, request } = await import('node:http');
    const { leafPointers } = await import('../src/schemas/walk.js');
    const sent: unknown[] = [];
    // Refuses the update that changes nothing (legal: the page does not promise to take it).
    const refusing = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if (text === JSON.stringify(readBack.emptyUpdate)) return res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"empty updateMask"}');
        try {
          sent.push(JSON.parse(text));
        } catch {
          // not JSON
        }
        const upstream = request(`${sandbox.url}/${vendor}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        });
        upstream.end(text);
      });
    });
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(refusing.address() as { port: number }).port}`;
    try {
      const blocked = await verify({ vendors: [vendor], baseUrl: url, env: envFor(vendor), timeoutMs: 5000 });
      expect(blocked.results.filter((r) => r.status === 'failed')).toEqual([]);
      expect(blocked.results.find((r) => r.name.startsWith('restore:'))!.message).toMatch(/give the body to end with in DESTCONF_AMPERSAND_RESTORE_FILE/);
      expect(sent).toEqual([]);
      const restoreBody = documentedExample(vendorModule(vendor)).body;
      const file = join(dir, 'ampersand-restore.json');
      writeFileSync(file, JSON.stringify(restoreBody));
      const report = await verify({ vendors: [vendor], baseUrl: url, env: envFor(vendor, { DESTCONF_AMPERSAND_RESTORE_FILE: file }), timeoutMs: 5000 });
      expect(report.results.filter((r) => r.status === 'failed')).toEqual([]);
      expect(report.results.filter((r) => r.name.startsWith('probe:') && r.status === 'passed').length).toBeGreaterThan(3);
      const held = new Set(leafPointers(restoreBody));
      for (const body of sent) for (const pointer of leafPointers(body)) expect(held.has(pointer) || pointer.startsWith('/destination/secrets'), pointer).toBe(true);
      expect(sent.at(-1)).toEqual(restoreBody);
      expect(report.results.filter((r) => r.name.startsWith('restore:')).at(-1)).toMatchObject({ status: 'passed', message: expect.stringMatching(/put back with the body of DESTCONF_AMPERSAND_RESTORE_FILE/) });
    } finally {
      refusing.closeAllConnections();
      refusing.close();
    }
  }, 60_000);

  it('sends secrets only with --allow-secret-writes', async () => {
    const report = await liveVerify('redox', envFor('redox'), { allowSecretWrites: true });
    const token = report.results.find((r) => r.name.includes('verificationToken'))!;
    expect(token.status).toBe('passed');
    // The destination is not as found (its secrets were overwritten): said, never passed.
    const restore = report.results.find((r) => r.name.startsWith('restore:'))!;
    expect(restore.status).toBe('skipped');
    expect(restore.message).toMatch(/^left changed \(--allow-secret-writes\): the run overwrote the stored .*verificationToken.*, which cannot be read or put back; every other field is as it was$/);
  }, 60_000);

  it.each(['streamkap', 'stitch'] as const)('%s (PUT): skipped without a restore file or --allow-overwrite', async (vendor) => {
    const before = stored(vendor);
    const report = await liveVerify(vendor, envFor(vendor));
    expect(report.results).toEqual([expect.objectContaining({ status: 'skipped', message: expect.stringMatching(/RESTORE_FILE.*--allow-overwrite/) })]);
    expect(stored(vendor)).toEqual(before);
  });

  it.each(['streamkap', 'stitch'] as const)('%s (PUT): ends with the body of DESTCONF_<VENDOR>_RESTORE_FILE', async (vendor) => {
    const restoreBody = contractOf(vendor).interactions.at(-1)!.body;
    const file = join(dir, `${vendor}-restore.json`);
    writeFileSync(file, JSON.stringify(restoreBody));
    const report = await liveVerify(vendor, envFor(vendor, { [envNames(getVendor(vendor)).restoreFile!]: file }));
    const restore = report.results.find((r) => r.name.startsWith('restore:'))!;
    expect(restore.status, restore.message).toBe('passed');
    const after = stored(vendor) as Record<string, unknown>;
    for (const [key, value] of Object.entries(restoreBody as Record<string, unknown>)) {
      if (key !== 'connection') expect(after[key]).toEqual(value);
    }
  }, 60_000);

  it.each(['streamkap', 'stitch'] as const)('%s (PUT): the restore file\'s secrets are masked in every finding and in the plan', async (vendor) => {
    const restoreBody = structuredClone(contractOf(vendor).interactions.at(-1)!.body) as Record<string, Record<string, unknown>>;
    const secret = `Rst0re-${vendor}-secret-Qx81zV`;
    if (vendor === 'stitch') restoreBody.connection!.password = secret;
    else restoreBody.config!.private_key = secret;
    const file = join(dir, `${vendor}-restore.json`);
    writeFileSync(file, JSON.stringify(restoreBody));
    // A provider that accepts everything and answers what no page documents: every probe is a finding with its curl.
    const { createServer } = await import('node:http');
    const provider = createServer((req, res) => req.resume().on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}')));
    await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(provider.address() as { port: number }).port}`;
    try {
      const env = envFor(vendor, { [envNames(getVendor(vendor)).restoreFile!]: file });
      const report = await verify({ vendors: [vendor], baseUrl: url, env, timeoutMs: 5000 });
      expect(report.results.filter((r) => r.curl !== undefined).length).toBeGreaterThan(0);
      const plan = await planVerify({ vendors: [vendor], baseUrl: url, env });
      expect(plan.requests.length).toBeGreaterThan(3);
      for (const text of [JSON.stringify(report), JSON.stringify(plan)]) {
        expect(text).not.toContain(secret);
        expect(text).not.toContain(Buffer.from(secret).toString('base64'));
      }
    } finally {
      provider.close();
    }
  }, 60_000);

  it('refuses an unusable restore file with a usage error', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, '{"type": 1}');
    await expect(liveVerify('stitch', envFor('stitch', { DESTCONF_STITCH_RESTORE_FILE: file }))).rejects.toThrow(/DESTCONF_STITCH_RESTORE_FILE: .* is not a valid stitch request body/);
  });
});

describe('an interrupted live run', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('%s: stops probing, puts the destination back first, names it, and exits 130/143', async (signal) => {
    const vendor = 'prequel';
    const before = stored(vendor);
    // A slow provider: the run is still probing when the signal comes.
    const { createServer, request } = await import('node:http');
    let sent = 0;
    const slow = createServer((req, res) => {
      sent += 1;
      setTimeout(() => {
        const upstream = request(`${sandbox.url}/${vendor}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        });
        req.pipe(upstream);
      }, 150);
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(slow.address() as { port: number }).port}`;
    try {
      const { spawn } = await import('node:child_process');
      const child = spawn(process.execPath, [join(ROOT, 'bin/destconf'), 'verify', '--vendor', vendor, '--base-url', url], { env: { ...process.env, ...envFor(vendor), NO_COLOR: '1' } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      // Mid-run: after the first probes' verdicts, long before the end.
      await new Promise<void>((resolve) => {
        const waiting = setInterval(() => {
          if ((stdout.match(/probe:/g) ?? []).length >= 9) {
            clearInterval(waiting);
            resolve();
          }
        }, 20);
      });
      child.kill(signal);
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(code, stdout + stderr).toBe(signal === 'SIGINT' ? 130 : 143);
      expect(stored(vendor)).toEqual(before);
      expect(stdout).toMatch(/✓ prequel: restore: the destination is left as it was found/);
      expect(stderr).toMatch(/destconf: interrupted; put back before stopping: prequel/);
      // No probe after the signal but the restore's two requests (and the one in flight).
      const atExit = sent;
      await new Promise((r) => setTimeout(r, 500));
      expect(sent).toBe(atExit);
      expect(stdout).not.toMatch(/law:/);
    } finally {
      slow.closeAllConnections();
      slow.close();
    }
  }, 60_000);
});

describe('verify --plan', () => {
  it('lists every request of a live run against the configured URL, secrets masked, and sends nothing', async () => {
    let received = 0;
    const { createServer } = await import('node:http');
    const provider = createServer((_req, res) => {
      received += 1;
      res.end();
    });
    await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(provider.address() as { port: number }).port}`;
    try {
            const env = { DESTCONF_PREQUEL_API_KEY: 'live-key-never-shown', DESTCONF_PREQUEL_DESTINATION_ID: 'live-destination-7', DESTCONF_STITCH_TOKEN: 't', DESTCONF_STITCH_DESTINATION_ID: '5' };
      const plan = await planVerify({ vendors: ['prequel', 'stitch'], baseUrl: url, perVendorPrefix: true, env, allowSecretWrites: true });
      expect(received).toBe(0);
      expect(plan.skipped).toEqual([expect.objectContaining({ vendor: 'stitch', skipped: expect.stringMatching(/RESTORE_FILE/) })]);
      expect(plan.requests.length).toBeGreaterThan(20);
      // A reachability GET of the base URL (no credential), then the updates.
      expect(plan.requests[0]).toMatchObject({ method: 'GET', url: `${url}/prequel/` });
      expect(plan.requests.slice(1).every((r) => r.method === 'PATCH' && r.url.startsWith(`${url}/prequel/destinations/`))).toBe(true);
      expect(plan.requests.filter((r) => r.url.endsWith('/live-destination-7')).length).toBeGreaterThan(15);
      const text = JSON.stringify(plan);
      expect(text).not.toContain('live-key-never-shown');
      // Planted secrets are 32 random hex characters (no prefix a partial mask could show).
      expect(text).not.toMatch(/(?<![0-9a-zA-Z])[0-9a-f]{32}(?![0-9a-zA-Z])/);
      expect(text).toContain('"password":"***"');
      // Per request: what it may change, and how that is undone.
      const writes = plan.requests.filter((r) => r.changes.length > 0);
      const reads = plan.requests.filter((r) => r.changes.length === 0);
      expect(reads.map((r) => r.undo)).toEqual(expect.arrayContaining(['changes nothing (a read)', "changes nothing: reads the destination's state"]));
      // A body that sets nothing is a read, or an invalid body (`{}`) a conforming provider refuses.
      expect(reads.every((r) => r.undo.startsWith('changes nothing') || r.undo.startsWith('a conforming provider refuses it'))).toBe(true);
      expect(writes.length).toBeGreaterThan(15);
      expect(writes.every((r) => r.changes.every((pointer) => pointer === '' || pointer.startsWith('/')))).toBe(true);
      expect(writes.slice(0, -1).every((r) => /the run ends with an update putting back every field read before the run/.test(r.undo))).toBe(true);
      expect(writes.filter((r) => r.undo.startsWith('a conforming provider refuses it (an invalid body)')).length).toBeGreaterThan(0);
      // The run ends with the restore, then reads what it left.
      expect(writes.at(-1)!.undo).toMatch(/^the restore: puts back what the run changed/);
      expect(plan.requests.indexOf(writes.at(-1)!)).toBe(plan.requests.length - 2);
    } finally {
      provider.close();
    }
  }, 60_000);

  it('a PUT vendor with a restore file: its writes are undone by the PUT of that file, sent last', async () => {
    const file = join(dir, 'stitch-plan-restore.json');
    writeFileSync(file, JSON.stringify(contractOf('stitch').interactions[0]!.body));
    const env = envFor('stitch', { [envNames(getVendor('stitch')).restoreFile!]: file });
    const plan = await planVerify({ vendors: ['stitch'], baseUrl: 'http://127.0.0.1:9', env });
    const writes = plan.requests.filter((r) => r.changes.length > 0);
    expect(writes.length).toBeGreaterThan(10);
    expect(writes.slice(0, -1).every((r) => r.undo.includes('the run ends with a PUT of DESTCONF_STITCH_RESTORE_FILE'))).toBe(true);
    expect(writes.at(-1)).toMatchObject({ method: 'PUT', undo: expect.stringMatching(/^the restore/) });
    expect(writes.at(-1)!.body).toEqual(JSON.parse(JSON.stringify(contractOf('stitch').interactions[0]!.body, (k, v: unknown) => (k === 'password' ? '***' : v))));
  }, 60_000);
});
