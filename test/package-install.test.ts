/**
 * A package that works where it is installed: `npm pack`, then `npm install` of the tarball into a
 * fresh project, where the CLI runs (`--version`, `check-client` on an adapter living in that
 * project, with its reports and pacts) and the library imports in plain Node ESM, types included.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers/cli.js';

const exec = promisify(execFile);
const npm = (args: string[], cwd: string) => exec('npm', [...args, '--no-audit', '--no-fund'], { cwd, env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 16 * 1024 * 1024 });

describe('the packed package, installed in a fresh project', () => {
  let project: string;
  const bin = () => join(project, 'node_modules/.bin/destconf');

  beforeAll(async () => {
    const packs = mkdtempSync(join(tmpdir(), 'destconf-pack-'));
    // dist/ (with its .d.ts) is built by the test run's setup; packing again would rebuild it
    // under the feet of the tests running beside this one.
    await npm(['pack', '--ignore-scripts', '--pack-destination', packs], ROOT);
    const tarball = join(packs, readdirSync(packs).find((f) => f.endsWith('.tgz'))!);
    project = mkdtempSync(join(tmpdir(), 'destconf-consumer-'));
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'acme-destinations-client', version: '3.1.4', type: 'module', private: true }));
    await npm(['install', '--prefer-offline', tarball], project);
  }, 240_000);

  it('ships the CLI bundle, the library with its types, and what the commands read at run time', () => {
    const root = join(project, 'node_modules/destination-contracts');
    for (const file of ['bin/destconf', 'dist/destconf.mjs', 'dist/index.mjs', 'dist/types/src/index.d.ts', 'src/validate/generated/redox.cjs', 'contracts/pacts', 'fixtures/docs/manifest.json', 'schemas/redox/request.json']) {
      expect(existsSync(join(root, file)), file).toBe(true);
    }
    expect(existsSync(join(root, 'test'))).toBe(false);
    expect(readFileSync(join(root, 'dist/types/src/index.d.ts'), 'utf8')).toMatch(/export declare function validate\(/);
  });

  it('runs `npx destconf --version`', async () => {
    const { stdout } = await exec(bin(), ['--version'], { cwd: project });
    expect(stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  });

  it('imports the library in plain Node ESM, without tsx', async () => {
    const script = "import('destination-contracts').then((m) => { const r = m.validate('redox', 'request', { name: 42 }); console.log(JSON.stringify({ valid: r.valid, first: r.errors[0].message, vendors: m.vendorIds() })); })";
    const { stdout } = await exec(process.execPath, ['-e', script], { cwd: project });
    expect(JSON.parse(stdout)).toEqual({ valid: false, first: '/name: must be string, got integer', vendors: ['streamkap', 'stitch', 'prequel', 'ampersand', 'redox'] });
  });

  it("hands out arbitraries the project's own fast-check runs (the library's fast-check is bundled)", async () => {
    const script = "Promise.all([import('destination-contracts'), import('fast-check')]).then(([m, { default: fc }]) => { let valid = 0; fc.assert(fc.property(m.arbitrariesFor('redox').validRequest, fc.nat(), (request) => { valid += m.validate('redox', 'request', request).valid ? 1 : 0; }), { numRuns: 20 }); console.log(valid); })";
    const { stdout } = await exec(process.execPath, ['-e', script], { cwd: project });
    expect(stdout.trim()).toBe('20');
  });

  it('checks a client living in the project, writing its reports and its pacts', async () => {
    const client = readFileSync(join(ROOT, 'examples/reference-client/client.mjs'), 'utf8');
    writeFileSync(join(project, 'client.mjs'), client);
    writeFileSync(join(project, 'adapter.mjs'), "import { redoxClient } from './client.mjs';\nexport default { redox: redoxClient };\n");
    const { stdout } = await exec(bin(), ['check-client', '--adapter', './adapter.mjs', '--runs', '5', '--reports', 'r', '--pact-out', 'pacts'], { cwd: project, env: { ...process.env, NO_COLOR: '1' } });
    expect(stdout).toMatch(/\d+ passed, 0 failed/);
    expect(existsSync(join(project, 'r/junit.xml'))).toBe(true);
    expect(readdirSync(join(project, 'pacts'))).toEqual(['acme-destinations-client-redox-api.json']);
  }, 120_000);

  it('loads a TypeScript adapter too (tsx is a dependency)', async () => {
    writeFileSync(join(project, 'adapter.ts'), "import { redoxClient } from './client.mjs';\nconst adapter: Record<string, unknown> = { redox: redoxClient };\nexport default adapter;\n");
    const { stdout } = await exec(bin(), ['check-client', '--adapter', './adapter.ts', '--runs', '3', '--reports', 'r'], { cwd: project, env: { ...process.env, NO_COLOR: '1' } });
    expect(stdout).toMatch(/\d+ passed, 0 failed/);
  }, 120_000);
});
