/**
 * The precision corpus for clients: correct clients that differ from the reference client in
 * legal ways must pass `check-client` (no false failure), and clients that break a rule in a form
 * the reference mutants do not cover must fail, naming the deviation. Clients generated from
 * `destconf openapi` by openapi-typescript + openapi-fetch and by @hey-api/openapi-ts are generated
 * here, during the test run, and must pass as well.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { destconf, ROOT } from './helpers/cli.js';
import { mutantAdapter } from './helpers/mutant-clients.js';

const run = (adapter: string, vendor?: string, extra: string[] = []) =>
  destconf(['check-client', '--adapter', adapter, ...(vendor ? ['--vendor', vendor] : []), '--runs', '25', '--reports', `${adapter}-reports`, ...extra]);

const SEND = `async function send({ method, url, headers, body }) {
  const response = await fetch(url, {
    method,
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...headers },
    body: JSON.stringify(body),
    // fetch would carry X-API-KEY along a redirect to another origin: never follow one.
    redirect: 'manual',
  });`;

/** [name, vendor (all five when empty), from, to]: each a correct client written differently. */
const LEGAL: [string, string, string, string][] = [
  ['lower-case header names and bearer scheme', '', "Authorization: `Bearer ${token}`", "authorization: `bearer ${token}`"],
  // A mask is a set of paths: sorted and de-duplicated, it is the same request.
  ['an updateMask sent sorted and de-duplicated', 'ampersand', "headers: apiKey('X-Api-Key', credentials.apiKey),\n        body,", "headers: apiKey('X-Api-Key', credentials.apiKey),\n        body: Array.isArray(body.updateMask) ? { ...body, updateMask: [...new Set(body.updateMask)].sort() } : body,"],
  // What Streamkap's own client (its Terraform provider) sends: secret_returned=true whatever the caller
  // passed when it passed nothing, and "id": "" — beyond the input, warnings.
  ['Streamkap as its own client calls it (secret_returned=true, "id": "")', 'streamkap', "url: `${baseUrl}/destinations/${segment(destinationId)}${queryString(query)}`,\n        headers: bearer(credentials.token),\n        body,", "url: `${baseUrl}/destinations/${segment(destinationId)}${queryString({ secret_returned: true, ...query })}`,\n        headers: bearer(credentials.token),\n        body: { id: '', ...body },"],
  ['media type in another case, with a quoted UTF-8 charset', '', "'Content-Type': 'application/json'", `'content-type': 'Application/JSON ; Charset="UTF-8"'`],
  ['charset=utf8 without the dash', 'prequel', "'Content-Type': 'application/json'", "'Content-Type': 'application/json;charset=utf8'"],
  ['percent-encoding in lower-case hex', '', 'encodeURIComponent(String(value))', 'encodeURIComponent(String(value)).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())'],
  ['sub-delims, ":" and "@" left raw in the path', '', 'encodeURIComponent(String(value))', "encodeURIComponent(String(value)).replace(/%(24|26|2B|2C|3B|3D|3A|40)/g, (m) => decodeURIComponent(m))"],
  ['every byte percent-encoded, unreserved ones too', '', 'encodeURIComponent(String(value))', "[...new TextEncoder().encode(String(value))].map((b) => '%' + b.toString(16).toUpperCase().padStart(2, '0')).join('')"],
  ['Streamkap query defaults always sent', 'streamkap', '${queryString(query)}', '${queryString({ secret_returned: false, wait: true, ...query })}'],
  ['Streamkap booleans spelled True/False', 'streamkap', 'search.set(key, String(value))', "search.set(key, value === true ? 'True' : value === false ? 'False' : String(value))"],
  ['a node:http transport', '', SEND, `import { request as httpRequest } from 'node:http';
function viaNodeHttp(url, { method, headers, body }) {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ ok: res.statusCode >= 200 && res.statusCode < 300, status: res.statusCode, text: async () => text });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}
async function send({ method, url, headers, body }) {
  const response = await viaNodeHttp(url, {
    method,
    headers: { 'Content-Type': 'application/json; charset=utf-8', Accept: 'application/json', ...headers },
    body: JSON.stringify(body),
  });`],
  // A request sent late in its call is the call's own; timers left running after it settled send nothing.
  ['sends 30 ms into the call and keeps a timer after it settles', 'redox', 'async function send({ method, url, headers, body }) {', "async function send({ method, url, headers, body }) {\n  await new Promise((resolve) => setTimeout(resolve, 30));\n  setTimeout(() => undefined, 700);"],
  ['an undici transport', '', SEND, `import { request as undiciRequest } from '${pathToFileURL(createRequire(import.meta.url).resolve('undici')).href}';
async function send({ method, url, headers, body }) {
  const answer = await undiciRequest(url, { method, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const response = { ok: answer.statusCode >= 200 && answer.statusCode < 300, status: answer.statusCode, text: () => answer.body.text() };`],
];

/** [name, vendor, from, to, what the output must name]: deviations in forms the reference mutants do not take. */
const MUTANTS: [string, string, string, string, RegExp][] = [
  ['JSON declared in another charset', 'stitch', "'Content-Type': 'application/json'", "'Content-Type': 'application/json; charset=ISO-8859-1'", /wrong charset: JSON is UTF-8 \(RFC 8259\), got charset=ISO-8859-1/],
  ['a raw "/" in an id (encodeURI)', 'prequel', 'encodeURIComponent(String(value))', 'encodeURI(String(value))', /path parameter not percent-encoded/],
  ['the credential also in the query', 'redox', "url: `${baseUrl}/platform/v1/destinations/${segment(destinationId)}`", "url: `${baseUrl}/platform/v1/destinations/${segment(destinationId)}?access_token=${credentials.token}`", /credential leaked: sent in the query/],
  ['the update sent twice', 'ampersand', 'const response = await fetch(url, {', "await fetch(url, { method, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });\n  const response = await fetch(url, {", /sent 2 requests for one call \(expected exactly one\)/],
  ['redirects followed with the API key', 'prequel', "redirect: 'manual',", "redirect: 'follow',", /credential sent to another origin: redirected \(HTTP 307\)/],
  ['the credential in the rejection', 'stitch', 'if (!response.ok) throw new ApiError(response.status, parsed);', 'if (!response.ok) throw Object.assign(new ApiError(response.status, parsed), { request: { url, headers } });', /credential leaked in the rejection/],
  // The whole header line, base64url-encoded, in the rejection's message: found by the shared detector.
  ['the credential base64url-encoded in the rejection', 'streamkap', 'if (!response.ok) throw new ApiError(response.status, parsed);', "if (!response.ok) throw Object.assign(new ApiError(response.status, parsed), { message: `failed (fp=${Buffer.from(Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join('\\n')).toString('base64url')})` });", /credential leaked in the rejection \(the whole value, encoded\)/],
  ['the credential printed by the client', 'redox', 'async function send({ method, url, headers, body }) {', 'async function send({ method, url, headers, body }) {\n  console.log(`calling ${url} with ${JSON.stringify(headers)}`);', /credential leaked in what the client wrote to stdout\/stderr/],
  // A documented parameter the caller did not give is beyond the input (a warning); overriding one it gave is an error.
  ['a query value the caller gave, overridden', 'streamkap', '${queryString(query)}', '${queryString({ ...query, wait: false })}', /query parameters: expected .*got .*wait=false/],
  ['a body field nobody documents, added', 'redox', 'body: JSON.stringify(body)', 'body: JSON.stringify({ ...body, debug: true })', /body field added: .*\/debug.*neither given by the caller nor documented/],
  ["the caller's input emptied after the call", 'prequel', 'return parsed;', 'for (const key of Object.keys(body ?? {})) delete body[key];\n  return parsed;', /the client changed the input it was given/],
];

describe('check-client precision: legal client variants pass', () => {
  it.concurrent.each(LEGAL)('%s', async (name, vendor, from, to) => {
    const adapter = mutantAdapter(`legal-${name.replace(/\W+/g, '-')}`, from, to);
    const result = await run(adapter, vendor || undefined);
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(result.stdout).not.toMatch(/✗/);
  });
});

describe('check-client recall: deviations in new forms fail, naming the deviation', () => {
  it.concurrent.each(MUTANTS)('%s (%s)', async (name, vendor, from, to, named) => {
    const adapter = mutantAdapter(`recall-${name.replace(/\W+/g, '-')}`, from, to);
    const result = await run(adapter, vendor);
    expect(result.code, result.stdout + result.stderr).toBe(1);
    expect(result.stdout).toMatch(named);
    expect(result.stdout).not.toMatch(/(?<![0-9a-zA-Z])[0-9a-f]{32}(?![0-9a-zA-Z])/);
  });
});

/** Where each vendor's generated SDK puts its one operation, and how the adapter input maps to it. */
const OPERATIONS = {
  streamkap: { method: 'PUT', path: '/destinations/{destination_id}', params: "({ path: { destination_id: input.destinationId }, ...(input.query ? { query: input.query } : {}) })", auth: 'bearer' },
  stitch: { method: 'PUT', path: '/v3/destinations/{destination_id}', params: '({ path: { destination_id: input.destinationId } })', auth: 'bearer' },
  prequel: { method: 'PATCH', path: '/destinations/{destination_id}', params: '({ path: { destination_id: input.destinationId } })', auth: 'X-API-KEY' },
  ampersand: { method: 'PATCH', path: '/v1/projects/{projectIdOrName}/destinations/{destination}', params: '({ path: { projectIdOrName: input.projectIdOrName, destination: input.destinationId } })', auth: 'X-Api-Key' },
  redox: { method: 'PATCH', path: '/platform/v1/destinations/{destinationId}', params: '({ path: { destinationId: input.destinationId } })', auth: 'bearer' },
} as const;

const authHeaders = (auth: string) => (auth === 'bearer' ? '{ Authorization: `Bearer ${credentials.token}` }' : `{ '${auth}': credentials.apiKey }`);

describe('clients generated from `destconf openapi` pass', () => {
  let dir: string;
  const exec = promisify(execFile);
  const resolveFrom = createRequire(import.meta.url);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'destconf-generated-clients-'));
    const openapi = await destconf(['openapi', '--out', join(dir, 'openapi')]);
    expect(openapi.code, openapi.stderr).toBe(0);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('openapi-typescript types + openapi-fetch', async () => {
    const cli = join(ROOT, 'node_modules/.bin/openapi-typescript');
    const factories: string[] = [];
    const imports: string[] = [`import createClient from '${pathToFileURL(resolveFrom.resolve('openapi-fetch')).href}';`];
    for (const [vendor, op] of Object.entries(OPERATIONS)) {
      await exec(cli, [join(dir, 'openapi', `${vendor}.openapi.json`), '-o', join(dir, 'openapi-fetch', `${vendor}.ts`)]);
      imports.push(`import type { paths as ${vendor}Paths } from './${vendor}.ts';`);
      factories.push(`  ${vendor}: ({ baseUrl, credentials }) => {
    // redirect: 'manual' — fetch's default would carry X-API-KEY to another origin (see the README).
    const client = createClient<${vendor}Paths>({ baseUrl, headers: ${authHeaders(op.auth)}, redirect: 'manual' });
    return {
      async updateDestination(input: any) {
        const { data, error, response } = await (client as any).${op.method}('${op.path}', { params: ${op.params}, body: input.body });
        if (!response.ok) throw Object.assign(new Error(\`HTTP \${response.status}\`), { status: response.status, body: error });
        return data;
      },
    };
  },`);
    }
    const adapter = join(dir, 'openapi-fetch', 'adapter.ts');
    writeFileSync(adapter, `${imports.join('\n')}\n\nexport default {\n${factories.join('\n')}\n} as Record<string, (config: any) => any>;\n`);
    const result = await run(adapter);
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
  }, 120_000);

  it('@hey-api/openapi-ts with its fetch client', async () => {
    const { createClient } = (await import('@hey-api/openapi-ts')) as { createClient: (config: object) => Promise<unknown> };
    const factories: string[] = [];
    const imports: string[] = [];
    for (const [vendor, op] of Object.entries(OPERATIONS)) {
      const output = join(dir, 'hey-api', vendor);
      mkdirSync(output, { recursive: true });
      await createClient({ input: join(dir, 'openapi', `${vendor}.openapi.json`), output, plugins: ['@hey-api/client-fetch'], logs: { level: 'silent' } });
      imports.push(`import { updateDestination as ${vendor}Update } from './${vendor}/sdk.gen.ts';`, `import { createClient as ${vendor}Client } from './${vendor}/client/index.ts';`);
      factories.push(`  ${vendor}: ({ baseUrl, credentials }) => {
    const client = ${vendor}Client({ baseUrl, headers: ${authHeaders(op.auth)}, redirect: 'manual' } as any);
    return {
      async updateDestination(input: any) {
        const { data, error, response } = await ${vendor}Update({ client, ...${op.params.replace(/^\(|\)$/g, '')}, body: input.body } as any);
        if (!response.ok) throw Object.assign(new Error(\`HTTP \${response.status}\`), { status: response.status, body: error });
        return data;
      },
    };
  },`);
    }
    const adapter = join(dir, 'hey-api', 'adapter.ts');
    writeFileSync(adapter, `${imports.join('\n')}\n\nexport default {\n${factories.join('\n')}\n} as Record<string, (config: any) => any>;\n`);
    const result = await run(adapter);
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
  }, 120_000);
});
