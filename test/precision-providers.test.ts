/**
 * The precision corpus for providers: providers that differ from the bundled sandbox in legal ways
 * must pass `verify` (no false failure), and providers that break a stated rule in a form the
 * first mutants do not cover must fail, naming the deviation. Variants are the sandbox with one
 * behaviour changed, or the sandbox behind a loopback proxy that changes only the HTTP framing
 * (status choices, media types, gzip, chunked transfer), reached through `--base-url` as a live
 * provider would be.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox } from '../src/sandbox/server.js';
import type { SandboxOverrides, State } from '../src/sandbox/types.js';
import { type UpdateRequest } from '../src/semantics/types.js';
import { isRecord } from '../src/schemas/walk.js';
import { decision } from '../src/schemas/evidence.js';
import { type VendorId } from '../src/vendors/types.js';
import { documentedExample } from '../src/contracts/index.js';
import { envNames } from '../src/verify/targets.js';
import { VENDOR_IDS, getVendor, semanticsOf, startSandbox, vendorModule, verify } from './helpers/vendors.js';

const problemsOf = async (vendor: VendorId, overrides: SandboxOverrides, selfCheck = true) => {
  // Mutants answer outside the schema on purpose: the sandbox's own 500 would hide what they do.
  const report = await verify({ vendors: [vendor], sandbox: { overrides, selfCheck } });
  return report.results.filter((r) => r.status === 'failed').map((r) => `${r.name}: ${r.message}`);
};

/** A response with only the fields the schema marks required, at every level. */
function onlyRequired(schema: Record<string, unknown>, value: unknown, root = schema): unknown {
  const node = typeof schema.$ref === 'string' ? (root.$defs as Record<string, Record<string, unknown>>)[schema.$ref.split('/').pop()!]! : schema;
  if (!isRecord(value) || !isRecord(node.properties)) return value;
  const required = new Set((node.required as string[] | undefined) ?? []);
  return Object.fromEntries(Object.entries(value).filter(([k]) => required.has(k)).map(([k, v]) => [k, onlyRequired((node.properties as Record<string, Record<string, unknown>>)[k] ?? {}, v, root)]));
}

/** A request body without its secret-looking fields (what an echo of it may show). */
function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (!isRecord(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => !/password|secret|token|key/i.test(k)).map(([k, v]) => [k, withoutSecrets(v)]));
}

/** RFC 3339 spelled otherwise: lower-case t, an offset instead of Z (the same instant). */
function offsetTimestamps(value: unknown): unknown {
  if (typeof value === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(value)) {
    const shifted = new Date(Date.parse(value) + 2 * 3600_000).toISOString();
    return `${shifted.slice(0, 10)}t${shifted.slice(11, 23)}+02:00`;
  }
  if (Array.isArray(value)) return value.map(offsetTimestamps);
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, offsetTimestamps(v)]));
  return value;
}

const presenting = (vendor: VendorId, transform: (answer: unknown) => unknown): SandboxOverrides => ({
  [vendor]: { semantics: { ...semanticsOf(vendor), present: (s: State, r: UpdateRequest) => transform(semanticsOf(vendor).present(s, r)) } },
});
const withState = (vendor: VendorId, change: (state: State) => State): SandboxOverrides => {
  const base = vendorModule(vendor).sandbox;
  return { [vendor]: { seed: () => base.seed().map((s) => ({ ...s, state: change(s.state) })), stateFor: (params: Readonly<Record<string, string>>) => change(base.stateFor(params)) } };
};

/** [name, vendor, overrides]: each a correct provider the sandbox does not happen to be. */
const LEGAL_SANDBOX_VARIANTS: [string, VendorId, SandboxOverrides][] = [
  ...VENDOR_IDS.map((v): [string, VendorId, SandboxOverrides] => ['only the required response fields', v, presenting(v, (a) => onlyRequired(getVendor(v).schemas.response, a))]),
  ...(['stitch', 'prequel', 'ampersand'] as const).map((v): [string, VendorId, SandboxOverrides] => ['timestamps with a lower-case t and a +02:00 offset', v, presenting(v, offsetTimestamps)]),
  ['a snowflake destination instead of postgres', 'prequel', withState('prequel', ({ postgres: _p, ...s }) => ({ ...s, vendor: 'snowflake', snowflake: { username: 'u', host: 'acme.snowflakecomputing.com', port: 443, database: 'db', schema: 'public' } }))],
  ['a destination without metadata.headers', 'ampersand', withState('ampersand', (s) => ({ ...s, metadata: { url: 'https://example.com/hook' } }))],
  ['a destination without cloud settings or auth credential', 'redox', withState('redox', ({ cloudProviderSettings: _c, authCredential: _a, ...s }) => s)],
  ['a Development destination that accepts http endpoints', 'redox', withState('redox', (s) => ({ ...s, environment: { ...(s.environment as object), environmentFlag: 'Development' } }))],
  ['a PUT that fills an omitted ssl with its default', 'stitch', { stitch: { semantics: { ...semanticsOf('stitch'), apply: (s, r, now) => { const body = r.body as { connection: object }; return semanticsOf('stitch').apply(s, { ...r, body: { ...body, connection: { ssl: false, ...body.connection } } }, now); } } } }],
  ['config validated against the connector (unknown keys refused)', 'streamkap', { streamkap: { validateBody: (body, state) => {
    const known = new Set(Object.keys((documentedExample(vendorModule('streamkap')).body as { config: object }).config));
    const issues = vendorModule('streamkap').sandbox.validateBody(body, state);
    const config = (body as { config?: object }).config ?? {};
    const unknown = Object.keys(config).filter((k) => !known.has(k));
    return [...issues, ...unknown.map((k) => ({ path: `/config/${k}`, message: `/config/${k}: unknown for this connector`, keyword: 'additionalProperties', schemaPath: '#', doc: { seed: '', field: k }, evidence: decision('a provider may validate config against the connector') }))];
  } } }],
  ['422 for an invalid body', 'prequel', { prequel: { invalidBodyStatus: 422 } }],
  // The page is silent on an empty updateMask: refusing it is legal (the refusals are then read back by one-path updates).
  ['an empty updateMask refused (400)', 'ampersand', { ampersand: { validateBody: (body, state) => [...vendorModule('ampersand').sandbox.validateBody(body, state), ...((body as { updateMask?: unknown[] }).updateMask?.length === 0 ? [{ path: '/updateMask', message: '/updateMask: must name a path', keyword: 'minItems', schemaPath: '#', doc: { seed: '', field: 'updateMask' }, evidence: decision('a provider may refuse an empty mask') }] : [])] } }],
  ['400 for an unknown id (the provider finds it malformed)', 'redox', { redox: { notFoundStatus: 400 } }],
  ['errors as text/plain', 'stitch', { stitch: { errorMediaType: 'text/plain; charset=utf-8' } }],
  ['errors as problem+json', 'redox', { redox: { errorMediaType: 'application/problem+json' } }],
];

describe('verify precision: legal provider variants pass', () => {
  it.concurrent.each(LEGAL_SANDBOX_VARIANTS)('%s (%s)', async (_name, vendor, overrides) => {
    expect(await problemsOf(vendor, overrides)).toEqual([]);
  });
});

/** A live-looking provider: the sandbox behind a proxy that rewrites only the HTTP framing. */
interface Framing {
  readonly name: string;
  readonly rewrite: (status: number, headers: Record<string, string>, body: Buffer, request: Buffer) => { status: number; headers: Record<string, string>; body: Buffer; chunked?: boolean };
}
const FRAMINGS: Framing[] = [
  { name: 'gzip-encoded answers', rewrite: (status, headers, body) => ({ status, headers: { ...headers, 'content-encoding': 'gzip' }, body: gzipSync(body) }) },
  { name: 'chunked answers', rewrite: (status, headers, body) => ({ status, headers, body, chunked: true }) },
  { name: 'a 403 for a wrong credential', rewrite: (status, headers, body) => ({ status: status === 401 ? 403 : status, headers, body }) },
  // No page documents error bodies: one that echoes what the client sent (its secrets left out) shows no stored data.
  { name: 'error answers that echo the request body', rewrite: (status, headers, body, request) => (status >= 400 && request.length > 0 ? { status, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify({ error: 'refused', request: withoutSecrets(JSON.parse(request.toString('utf8'))) })) } : { status, headers, body }) },
  { name: 'an empty 401 with WWW-Authenticate', rewrite: (status, headers, body) => (status === 401 ? { status, headers: { 'www-authenticate': 'Bearer realm="api"' }, body: Buffer.alloc(0) } : { status, headers, body }) },
];

describe('verify precision: legal HTTP framings pass, through --base-url', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(async () => sandbox.close());

  it.each(FRAMINGS)('$name', async (framing) => {
    const proxy = await framingProxy(sandbox.url, framing);
    try {
      const env: NodeJS.ProcessEnv = {};
      for (const vendor of ['prequel', 'redox'] as const) {
        const names = envNames(getVendor(vendor));
        env[names.credential] = vendorModule(vendor).sandbox.credential;
        for (const [key, name] of Object.entries(names.ids)) env[name] = documentedExample(vendorModule(vendor)).params[key];
      }
      const report = await verify({ vendors: ['prequel', 'redox'], baseUrl: proxy.url, perVendorPrefix: true, env, timeoutMs: 5000 });
      expect(report.results.filter((r) => r.status === 'failed').map((r) => `${r.vendor} ${r.name}: ${r.message}`)).toEqual([]);
      expect(report.results.filter((r) => r.status === 'passed').length).toBeGreaterThan(15);
    } finally {
      await proxy.close();
    }
  }, 60_000);
});

// A slow provider is legal: every answer 300 ms late, against a 1 s timeout. A refused update of the Pact replay holds
// its answer while the state is read back (up to three more requests): the verifier must wait for it, not time out.
describe('verify precision: a slow live provider', () => {
  it('passes when every answer is within the timeout, the read-backs after the replay\'s refusals included', async () => {
    const sandbox = await startSandbox({ faults: { latencyMs: 300 } });
    try {
      const env: NodeJS.ProcessEnv = { [envNames(getVendor('ampersand')).credential]: vendorModule('ampersand').sandbox.credential };
      for (const [key, name] of Object.entries(envNames(getVendor('ampersand')).ids)) env[name] = documentedExample(vendorModule('ampersand')).params[key];
      const report = await verify({ vendors: ['ampersand'], baseUrl: `${sandbox.url}/ampersand`, env, timeoutMs: 1000, allowSecretWrites: true, only: 'pact' });
      expect(report.results.filter((r) => r.status === 'failed').map((r) => `${r.name}: ${r.message}`)).toEqual([]);
      expect(report.results.filter((r) => r.name.startsWith('pact: ') && r.status === 'passed').length).toBeGreaterThan(3);
    } finally {
      await sandbox.close();
    }
  }, 60_000);
});

/** [name, vendor, overrides, what the verdict must name]: stated rules broken in forms not covered before. */
const MUTANTS: [string, VendorId, SandboxOverrides, RegExp][] = [
  ['a Production destination that accepts http', 'redox', productionAcceptingHttp(), /an http endpoint was accepted for a Production destination/],
  ['a PUT that keeps an omitted connection field', 'stitch', { stitch: { semantics: { ...semanticsOf('stitch'), apply: (s, r, now) => { const body = r.body as { type: string; connection: object }; return semanticsOf('stitch').apply(s, { ...r, body: { ...body, connection: { ...(s.connection as object), ...body.connection } } }, now); } } } }, /PUT merged: ssl kept the value of the previous PUT/],
  ['a password echoed by Stitch', 'stitch', { stitch: { semantics: { ...semanticsOf('stitch'), present: (s) => s } } }, /the password was echoed in the response/],
];

function productionAcceptingHttp(): SandboxOverrides {
  const production = withState('redox', (s) => ({ ...s, environment: { ...(s.environment as object), environmentFlag: 'Production' } })).redox!;
  const validateBody = (body: unknown, state: State) => vendorModule('redox').sandbox.validateBody(body, state).filter((i) => !(i.path === '/endpoint' && i.keyword === 'pattern'));
  return { redox: { ...production, validateBody } };
}

describe('verify recall: stated rules broken in new forms fail, naming the deviation', () => {
  it.concurrent.each(MUTANTS)('%s (%s)', async (_name, vendor, overrides, named) => {
    const problems = await problemsOf(vendor, overrides, false);
    expect(problems.join('\n')).toMatch(named);
  });
});

async function framingProxy(target: string, framing: Framing): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const upstream = httpRequest(`${target}${req.url}`, { method: req.method, headers: { ...req.headers, host: new URL(target).host } }, (answer) => {
        const body: Buffer[] = [];
        answer.on('data', (c: Buffer) => body.push(c));
        answer.on('end', () => {
          const headers = Object.fromEntries(Object.entries(answer.headers).filter(([k]) => k === 'content-type' || k === 'allow').map(([k, v]) => [k, String(v)]));
          const out = framing.rewrite(answer.statusCode ?? 502, headers, Buffer.concat(body), Buffer.concat(chunks));
          if (out.chunked) {
            res.writeHead(out.status, out.headers);
            const half = Math.floor(out.body.length / 2);
            res.write(out.body.subarray(0, half));
            setTimeout(() => res.end(out.body.subarray(half)), 5);
          } else {
            res.writeHead(out.status, { ...out.headers, 'content-length': String(out.body.length) });
            res.end(out.body);
          }
        });
      });
      upstream.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
