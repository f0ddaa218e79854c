import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { destconf } from './helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'destconf-validate-'));
const file = (name: string, content: string | Uint8Array): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

function expectOneLineError(result: { code: number | null; stdout: string; stderr: string }, pattern: RegExp): void {
  expect(result.code).toBe(2);
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(/^destconf: /);
  expect(result.stderr).toMatch(pattern);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

describe('destconf validate', () => {
  it('exits 0 on a valid document and 1 with pointers on an invalid one', async () => {
    const ok = await destconf(['validate', '--vendor', 'redox', '-'], { input: '{"name":"n","endpoint":"https://x.example/hook"}' });
    expect(ok.code).toBe(0);
    const bad = await destconf(['validate', '--vendor', 'redox', '-'], { input: '{"name":42}' });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('/name: must be string, got integer');
  });

  it('grades by evidence: HTTPS in a request is the project\'s reading (a warning), in a Production answer the page\'s rule (an error)', async () => {
    const request = await destconf(['validate', '--vendor', 'redox', '-'], { input: '{"endpoint":"http://x.example"}' });
    expect(request.code, request.stdout).toBe(0);
    expect(request.stdout).toMatch(/\/endpoint: must use HTTPS/);
    expect(request.stdout).toMatch(/project decision/);
    expect((await destconf(['validate', '--vendor', 'redox', '--strict', '-'], { input: '{"endpoint":"http://x.example"}' })).code).toBe(1);
    const answer = JSON.stringify({ meta: { version: '1.0.0' }, payload: { destination: { id: '497f6eca-6276-4993-bfeb-53cbbbba6f08', name: 'n', endpoint: 'http://x.example', environment: { id: '497f6eca-6276-4993-bfeb-53cbbbba6f08', environmentFlag: 'Production' } } } });
    const response = await destconf(['validate', '--vendor', 'redox', '--kind', 'response', '-'], { input: answer });
    expect(response.code, response.stdout).toBe(1);
    expect(response.stdout).toMatch(/must use HTTPS/);
  });

  it('prints machine-readable results with --json', async () => {
    const result = await destconf(['validate', '--vendor', 'prequel', '--json', '-'], { input: '{"destination":{"postgres":{"port":"1"}}}' });
    expect(result.code).toBe(1);
    const parsed = JSON.parse(result.stdout) as { valid: boolean; errors: { path: string; schemaPath: string; doc: { field: string } }[] };
    expect(parsed.valid).toBe(false);
    expect(parsed.errors[0]).toMatchObject({ path: '/destination/postgres/port', doc: { field: 'destination.postgres.port' } });
    expect(parsed.errors[0]!.schemaPath).toMatch(/^#\//);
  });

  it('reports undocumented response fields as drift without failing', async () => {
    const response = { id: 'd', name: 'n', type: 'webhook', metadata: { url: 'https://x.example', colour: 'red' }, createTime: '2023-11-07T05:31:56Z', etag: 'x' };
    const result = await destconf(['validate', '--vendor', 'ampersand', '--kind', 'response', '--json', '-'], { input: JSON.stringify(response) });
    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.stdout) as { drift: { path: string }[] };
    expect(parsed.drift.map((d) => d.path).sort()).toEqual(['/etag', '/metadata/colour']);
  });

  it('never echoes a secret field value in an error', async () => {
    const result = await destconf(['validate', '--vendor', 'prequel', '-'], { input: '{"destination":{"postgres":{"password_auth":{"password":12345678}}}}' });
    expect(result.code).toBe(1);
    expect(result.stdout).not.toContain('12345678');
  });

  const badInputs: [string, () => string[], RegExp, (string | Uint8Array)?][] = [
    ['a missing file', () => ['validate', '--vendor', 'stitch', join(dir, 'nope.json')], /no such file/],
    ['a directory', () => ['validate', '--vendor', 'stitch', dir], /is a directory/],
    ['an empty file', () => ['validate', '--vendor', 'stitch', file('empty.json', '')], /is empty/],
    ['white space only', () => ['validate', '--vendor', 'stitch', file('blank.json', ' \n ')], /white space/],
    ['malformed JSON', () => ['validate', '--vendor', 'stitch', file('bad.json', '{"type": ')], /not valid JSON/],
    ['a byte-order mark', () => ['validate', '--vendor', 'stitch', file('bom.json', '\ufeff{}')], /byte-order mark/],
    ['invalid UTF-8', () => ['validate', '--vendor', 'stitch', file('latin1.json', Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x3a, 0x31, 0x7d]))], /not valid UTF-8/],
    ['a top-level array', () => ['validate', '--vendor', 'stitch', file('array.json', '[]')], /must be an object, got an array/],
    ['a top-level string', () => ['validate', '--vendor', 'stitch', file('string.json', '"x"')], /must be an object, got a string/],
    ['deep nesting', () => ['validate', '--vendor', 'stitch', file('deep.json', '['.repeat(10_000) + ']'.repeat(10_000))], /nests deeper/],
    ['an unknown vendor', () => ['validate', '--vendor', 'fivetran', '-'], /argument 'fivetran' is invalid/],
    ['an unknown kind', () => ['validate', '--vendor', 'stitch', '--kind', 'body', '-'], /argument 'body' is invalid/],
    ['a kind the vendor lacks', () => ['validate', '--vendor', 'stitch', '--kind', 'query', '-'], /stitch documents no query/],
    ['no vendor', () => ['validate', '-'], /required option '--vendor/],
    ['no file', () => ['validate', '--vendor', 'stitch'], /missing required argument/],
    ['an unknown option', () => ['validate', '--vendor', 'stitch', '--strcit', '-'], /unknown option '--strcit'/],
  ];
  for (const [what, args, pattern] of badInputs) {
    it(`rejects ${what} with one line and exit 2`, async () => {
      expectOneLineError(await destconf(args()), pattern);
    });
  }

  it('rejects a file larger than the input limit', async () => {
    mkdirSync(join(dir, 'big'), { recursive: true });
    const big = file('big/big.json', `{"type":"${'x'.repeat(33 * 1024 * 1024)}"}`);
    expectOneLineError(await destconf(['validate', '--vendor', 'stitch', big]), /larger than 32 MiB/);
  });

  it('has --help', async () => {
    const result = await destconf(['validate', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--vendor <vendor>');
    expect(result.stdout).toContain('--json');
  });
});
