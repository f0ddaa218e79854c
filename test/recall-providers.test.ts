/**
 * The recall corpus for providers: one mutant per class of subtle deviation `verify` must catch,
 * each rejected with a message that names what it got wrong. Mutants are the sandbox with one
 * behaviour changed (or, for what only the wire shows, behind a proxy that changes the answers).
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { documentedExample } from '../src/contracts/index.js';
import type { SandboxOverrides, State } from '../src/sandbox/types.js';
import { type UpdateRequest, type VendorSemantics } from '../src/semantics/types.js';
import { mergePatch, withoutPointers } from '../src/semantics/json.js';
import { envNames } from '../src/verify/targets.js';
import { type VendorId } from '../src/vendors/types.js';
import { getVendor, semanticsOf, startSandbox, vendorModule, verify } from './helpers/vendors.js';

const failuresOf = async (vendor: VendorId, overrides: SandboxOverrides) => {
  const report = await verify({ vendors: [vendor], sandbox: { overrides, selfCheck: false } });
  return report.results.filter((r) => r.status === 'failed').map((r) => `${r.name}: ${r.message}`).join('\n');
};
const semantics = <V extends VendorId>(vendor: V, change: Partial<VendorSemantics>): SandboxOverrides => ({ [vendor]: { semantics: { ...semanticsOf(vendor), ...change } } });
const presentThen = (vendor: VendorId, change: (answer: Record<string, unknown>, state: State) => unknown): SandboxOverrides =>
  semantics(vendor, { present: (s: State, r: UpdateRequest) => change(semanticsOf(vendor).present(s, r) as Record<string, unknown>, s) });

/** [class, name, vendor, overrides, what the verdict must name] */
const MUTANTS: [string, string, VendorId, SandboxOverrides, RegExp][] = [
  ['1 wrong credentials', 'any well-formed credential accepted', 'redox', { redox: { authenticate: (headers) => typeof headers.authorization === 'string' && headers.authorization.startsWith('Bearer ') } }, /a well-formed wrong credential was answered HTTP 200, expected 401 or 403/],
  // Law 6: a credential is compared exactly (a well-formed wrong one is refused by both of these).
  ['1 wrong credentials', 'the token compared without letter case (Stitch)', 'stitch', { stitch: { authenticate: (headers) => String(headers.authorization).toLowerCase() === `bearer ${vendorModule('stitch').sandbox.credential}`.toLowerCase() } }, /the credential with its letter case flipped was answered HTTP 200, expected 401 or 403/],
  ['1 wrong credentials', 'the key compared on all but its last character (Prequel)', 'prequel', { prequel: { authenticate: (headers) => { const key = vendorModule('prequel').sandbox.credential; return String(headers['x-api-key']).length === key.length && String(headers['x-api-key']).startsWith(key.slice(0, -1)); } } }, /the credential with its last character changed was answered HTTP 200, expected 401 or 403/],
  ['1 wrong credentials', 'the project ignored (Ampersand)', 'ampersand', { ampersand: { keyOf: (params) => params.destination } }, /the destination under another project was answered HTTP 200/],
  ['2 the destination asked for', 'an answer about another destination', 'stitch', presentThen('stitch', (a) => ({ ...a, id: 424242 })), /the answer is about another destination: id 424242, asked for "86741"/],
  ['4 timestamps', 'the update timestamp going backwards', 'prequel', (() => {
    let tick = Date.parse('2030-01-01T00:00:00Z');
    return semantics('prequel', { apply: (s, r, now) => { void now; tick -= 60_000; return semanticsOf('prequel').apply(s, r, new Date(tick).toISOString()); } });
  })(), /updated_at went backwards/],
  ['4 timestamps', 'the creation timestamp moving', 'ampersand', presentThen('ampersand', (a) => ({ ...a, createTime: a.updateTime ?? a.createTime })), /createTime moved/],
  ['4 timestamps', 'the update timestamp never moving', 'stitch', presentThen('stitch', (a) => ({ ...a, updated_at: '2018-02-06T18:55:43Z' })), /updated_at did not move forward although the destination changed/],
  ['5 PUT replaces', 'a PUT that keeps the old name (Streamkap)', 'streamkap', semantics('streamkap', { apply: (s, r, now) => ({ ...semanticsOf('streamkap').apply(s, r, now), name: s.name }) }), /PUT did not replace name/],
  ['6 secrets', 'a password shown behind a partial mask (Prequel)', 'prequel', presentThen('prequel', (a, s) => {
    const password = ((s.postgres as { password_auth?: { password?: string } } | undefined)?.password_auth?.password ?? '');
    const data = a.data as { destination: { postgres?: Record<string, unknown> } };
    return { ...a, data: { destination: { ...data.destination, postgres: { ...data.destination.postgres, password_hint: `********${password.slice(-4)}` } } } };
  }), /secret fields were returned: .*a partial mask/],
  ['6 secrets', 'secret_returned=true ignored (Streamkap)', 'streamkap', presentThen('streamkap', (_a, s) => semanticsOf('streamkap').present(s, { body: {}, query: { secret_returned: false } })), /secret_returned=true did not return the stored value/],
  ['7 invalid bodies', 'wrong types accepted', 'stitch', { stitch: { validateBody: (body, state) => vendorModule('stitch').sandbox.validateBody(body, state).filter((i) => i.keyword !== 'type') } }, /invalid bodies were not refused with a 4xx: .* set to a/],
  ['8 updateMask', 'metadata.headers ignored', 'ampersand', semantics('ampersand', { apply: (s, r, now) => semanticsOf('ampersand').apply(s, { ...r, body: { ...(r.body as object), updateMask: (r.body as { updateMask: string[] }).updateMask.filter((p) => p !== 'metadata.headers') } }, now) }), /metadata\.headers was not updated/],
  ['8 updateMask', 'an empty mask applying the body', 'ampersand', semantics('ampersand', { apply: (s, r, now) => ((r.body as { updateMask: string[] }).updateMask.length === 0 ? (mergePatch(s, (r.body as { destination: object }).destination) as State) : semanticsOf('ampersand').apply(s, r, now)) }), /an empty updateMask changed the destination/],
  // Law: a refused request changes nothing. The refusal is right, but the http endpoint is stored anyway.
  ['10 refusals', 'a refused http endpoint stored anyway (Redox)', 'redox', { redox: { validateBody: (body, state) => {
    const issues = vendorModule('redox').sandbox.validateBody(body, state);
    const endpoint = (body as { endpoint?: unknown }).endpoint;
    if (typeof endpoint === 'string' && endpoint.startsWith('http:')) {
      state.endpoint = endpoint;
      return [{ path: '/endpoint', message: '/endpoint: must use HTTPS', keyword: 'pattern', schemaPath: '#', doc: { seed: '', field: 'endpoint' }, evidence: { kind: 'page', cite: 'test' } }];
    }
    return issues;
  } } }, /a refused request changed the destination \(RFC 5789 §2\): endpoint/],
  // Law 2, then or later: every text field of a refused body carries a value of its own; one showing up in any later answer is the refusal applied.
  ['10 refusals', 'the valid fields of an invalid body applied, the invalid one refused (Prequel)', 'prequel', { prequel: { validateBody: (body, state) => {
    const issues = vendorModule('prequel').sandbox.validateBody(body, state);
    if (issues.length > 0) {
      const valid = withoutPointers(body as Record<string, unknown>, issues.map((issue) => issue.path)) as { destination?: Record<string, unknown> };
      Object.assign(state, semanticsOf('prequel').apply(state, { body: { destination: valid.destination ?? {} }, query: {} }, new Date().toISOString()));
    }
    return issues;
  } } }, /law: a refused request changes nothing, then or later: a refused request changed the destination \(RFC 5789 §2\): the value sent at \/destination\/\S+ with an invalid body \(.*\), which was refused, shows up in a later HTTP 200 answer/],
  // Law: the credential never comes back, in any spelling (here base64 of the whole header value, in an error body).
  ['11 secrets, as a law', 'the credential echoed as base64 of "Bearer <token>" in error answers (Stitch)', 'stitch', { stitch: { errorBody: (status: number, message: string) => ({ error: { message, trace: Buffer.from(`Bearer ${vendorModule('stitch').sandbox.credential}`).toString('base64') }, status }) } }, /law: no credential or secret comes back in any answer: secret shown: the credential \(the whole value, encoded\) in the body of an HTTP 4\d\d answer/],
  // Law: every 2xx answer is judged in full, not only the answer to the documented example.
  ['12 answers, as a law', 'a required field dropped from answers to a one-field PATCH (Prequel)', 'prequel', semantics('prequel', {
    present: (s: State, r: UpdateRequest) => {
      const { message: _message, ...answer } = semanticsOf('prequel').present(s, r) as Record<string, unknown>;
      return Object.keys((r.body as { destination?: object }).destination ?? {}).length === 1 ? answer : { message: _message, ...answer };
    },
  }), /law: every 2xx answer is the documented destination asked for: a 2xx answer breaks the documented schema/],
  ['12 answers, as a law', "another destination's id in answers to a one-path updateMask (Ampersand)", 'ampersand', semantics('ampersand', {
    present: (s: State, r: UpdateRequest) => {
      const answer = semanticsOf('ampersand').present(s, r) as Record<string, unknown>;
      return ((r.body as { updateMask?: string[] }).updateMask?.length ?? 0) === 1 ? { ...answer, id: 'dest-somebody-else' } : answer;
    },
  }), /law: every 2xx answer is the documented destination asked for: a 2xx answer is about another destination: id "dest-somebody-else"/],
  ['12 answers, as a law', 'an http endpoint shown for a Staging destination in answers to a name-only update (Redox)', 'redox', semantics('redox', {
    present: (s: State, r: UpdateRequest) => {
      const answer = semanticsOf('redox').present(s, r) as { payload: { destination: Record<string, unknown> } };
      if (Object.keys(r.body as object).join() !== 'name') return answer;
      return { ...answer, payload: { destination: { ...answer.payload.destination, endpoint: String(answer.payload.destination.endpoint).replace(/^https:/, 'http:') } } };
    },
  }), /law: every 2xx answer is the documented destination asked for: a 2xx answer breaks the documented schema: \/payload\/destination\/endpoint: must use HTTPS/],
  // Only the Pact replay sends wait=false: the laws judge the replay's answers too (through the observing proxy).
  ['12 answers, as a law', 'another destination in the answer to wait=false only (Streamkap)', 'streamkap', semantics('streamkap', {
    present: (s: State, r: UpdateRequest) => {
      const answer = semanticsOf('streamkap').present(s, r) as Record<string, unknown>;
      return String(r.query?.wait) === 'false' ? { ...answer, id: 'dst-somebody-else' } : answer;
    },
  }), /law: every 2xx answer is the documented destination asked for: a 2xx answer is about another destination: id "dst-somebody-else"/],
  // Law: the creation timestamp never moves, whatever the request (here only where a query is given).
  ['13 time, as a law', 'created_timestamp reset when secret_returned is asked (Streamkap)', 'streamkap', semantics('streamkap', {
    present: (s: State, r: UpdateRequest) => {
      const answer = semanticsOf('streamkap').present(s, r) as Record<string, unknown>;
      return r.query?.secret_returned === undefined ? answer : { ...answer, created_timestamp: new Date().toISOString() };
    },
  }), /law: the creation timestamp never moves, the update timestamp never precedes it nor goes back: created_timestamp moved/],
  ['9 Prequel PATCH', 'a partial block replacing the block', 'prequel', semantics('prequel', { apply: (s, r, now) => { const patch = (r.body as { destination: Record<string, unknown> }).destination; return { ...semanticsOf('prequel').apply(s, r, now), ...Object.fromEntries(Object.entries(patch).filter(([k]) => k === 'postgres')) }; } }), /a partial block replaced the block: postgres\.port/],
];

describe('verify catches every class of subtle provider deviation, naming it', () => {
  it.concurrent.each(MUTANTS)('class %s: %s (%s)', async (_class, _name, vendor, overrides, named) => {
    expect(await failuresOf(vendor, overrides)).toMatch(named);
  });
});

/** Deviations only the wire shows: a proxy in front of the sandbox rewrites its answers. */
describe('verify catches what a provider puts on the wire', () => {
  it.concurrent.each([
    ['3 error answers', 'a 401 that carries the destination', 'redox', (status: number, body: string, last: string) => ({ status, headers: {}, body: status === 401 ? last : body }), /data exposure: the 401 answer to a well-formed wrong credential shows the destination's stored data/],
    ['6 secrets', 'a secret echoed in a response header', 'prequel', (status: number, body: string, _last: string, request: string) => ({ status, headers: { 'x-debug-request': Buffer.from(request).toString('latin1').replace(/[^\x20-\x7e]/g, '') }, body }), /the password was echoed in the response \(the whole value, in the headers\)/],
    // Law 5: repeated names whose values differ are two answers; every law holds under both readings.
    ['12 answers, as a law', "a repeated id whose first value names another destination (Ampersand)", 'ampersand', (status: number, body: string) => ({ status, headers: {}, body: status < 300 ? body.replace(/^\{/, '{"id":"dest-somebody-else",') : body }), /law: every 2xx answer is the documented destination asked for: a 2xx answer is about another destination: id "dest-somebody-else".*reading the first of each repeated name/],
    ['13 time, as a law', 'a repeated created_timestamp whose first value is the time of the answer (Streamkap)', 'streamkap', (status: number, body: string) => ({ status, headers: {}, body: status < 300 ? body.replace(/^\{/, `{"created_timestamp":"${new Date().toISOString()}",`) : body }), /law: the creation timestamp never moves.*: created_timestamp moved.*reading the first of each repeated name/],
  ] as const)('class %s: %s (%s)', async (_class, _name, vendor, rewrite, named) => {
    const report = await verifyBehind(vendor, rewrite);
    expect(report.results.filter((r) => r.status === 'failed').map((r) => `${r.name}: ${r.message}`).join('\n')).toMatch(named);
  }, 60_000);

  it('a name repeated with the same value is a warning only (RFC 8259 §4 SHOULD), and no law fails', async () => {
    const report = await verifyBehind('prequel', (status, body) => ({ status, headers: {}, body: body.replace(/^\{"(\w+)":("[^"]*"|\d+|true|false|null),/, '{"$1":$2,"$1":$2,') }));
    const law = report.results.find((r) => r.name === 'law: no name appears twice in one JSON object of an answer');
    expect(law).toMatchObject({ status: 'warning', message: expect.stringMatching(/appears twice in the object at \/ of an HTTP \d+ answer, with the same value twice/) });
    expect(report.results.filter((r) => r.status === 'failed').map((r) => r.name)).toEqual([]);
  }, 60_000);

  // Law 2, later: the refused update applied, and the first read after it served from a stale copy (the second read shows it).
  it('class 1: a wrong credential\'s update applied behind a 401, the next read showing the state before it (Redox)', async () => {
    const credential = vendorModule('redox').sandbox.credential;
    let stale: string | undefined;
    let previous = '';
    const report = await verifyBehind('redox', (status, body) => {
      const shown = stale !== undefined && status < 300 ? stale : body;
      if (status < 300) [stale, previous] = [undefined, body];
      return { status, headers: {}, body: shown };
    }, (headers) => {
      if (String(headers.authorization ?? '').includes(credential)) return undefined;
      stale = previous;
      return { headers: { ...headers, authorization: `Bearer ${credential}` } };
    });
    expect(report.results.filter((r) => r.status === 'failed').map((r) => `${r.name}: ${r.message}`).join('\n')).toMatch(/a refused request changed the destination \(RFC 5789 §2\)/);
  }, 60_000);

  // Law 2: a 404 that creates what it refused (an upsert behind a refusal): the unknown id answers afterwards.
  it('class 1: an update of an unknown id refused with 404, and the destination created anyway (Prequel)', async () => {
    const configured = documentedExample(vendorModule('prequel')).params.destinationId!;
    const created = new Set<string>();
    const report = await verifyBehind('prequel', (status, body, last, requestBody, url) => {
      if (status !== 404 || !url.includes('/destinations/')) return { status, headers: {}, body };
      if (!created.has(url)) {
        if (requestBody.length > '{"destination":{}}'.length) created.add(url);
        return { status, headers: {}, body };
      }
      return { status: 200, headers: {}, body: last.split(configured).join(decodeURIComponent(url.split('/').pop()!)) };
    });
    expect(report.results.filter((r) => r.status === 'failed').map((r) => `${r.name}: ${r.message}`).join('\n')).toMatch(/an unknown id is refused.*: an unknown destination id (with a changed body was answered HTTP 200|was refused, yet what it named exists now: the no-op update of the same ids was answered HTTP 200)/);
  }, 60_000);

  // Law 2 where the no-op read is refused: an empty updateMask refused (legal), and a wrong key's masked paths applied behind a 401.
  it('class 1: a wrong key\'s update applied behind a 401, by a provider that refuses an empty updateMask (Ampersand)', async () => {
    const credential = vendorModule('ampersand').sandbox.credential;
    const refusingEmptyMasks: SandboxOverrides = { ampersand: { validateBody: (body, state) => [...vendorModule('ampersand').sandbox.validateBody(body, state), ...((body as { updateMask?: unknown[] }).updateMask?.length === 0 ? [{ path: '/updateMask', message: '/updateMask: must name a path', keyword: 'minItems', schemaPath: '#', doc: { seed: '', field: 'updateMask' }, evidence: { kind: 'decision' as const, cite: 'test' } }] : [])] } };
    const report = await verifyBehind('ampersand', (status, body) => ({ status, headers: {}, body }), (headers) => {
      if (String(headers['x-api-key'] ?? '').includes(credential)) return undefined;
      return { headers: { ...headers, 'x-api-key': credential } };
    }, refusingEmptyMasks);
    expect(report.results.filter((r) => r.status === 'failed').map((r) => `${r.name}: ${r.message}`).join('\n')).toMatch(/a wrong credential is refused.*: a refused request changed the destination \(RFC 5789 §2\): \w+.*\(after a well-formed wrong credential\)/);
  }, 60_000);

  // Law 2 in the Pact replay: its refused requests carry the pact's values, not markers, so the state is read back after each.
  // The provider applies only the last update of an unknown id of the run (a fault that sets in late, once the probes
  // are done): the replay's 404, whose documented body lands on the configured destination.
  it('class 1: the Pact replay\'s update of an unknown id applied to the configured destination behind a 404 (Redox)', async () => {
    const configured = documentedExample(vendorModule('redox')).params.destinationId!;
    const unknownIdUpdate = (path: string) => path.includes('/destinations/') && !path.includes(configured);
    let counted = 0;
    const legal = await verifyBehind('redox', (status, body) => ({ status, headers: {}, body }), (_headers, path) => void (unknownIdUpdate(path) && counted++));
    expect(legal.results.filter((r) => r.status === 'failed').map((r) => r.name)).toEqual([]);
    expect(counted).toBeGreaterThan(1);
    let seen = 0;
    const report = await verifyBehind('redox', (status, body) => ({ status, headers: {}, body }), (headers, path) => {
      if (!unknownIdUpdate(path) || ++seen !== counted) return undefined;
      return { headers, path: path.replace(/destinations\/[^/?]+/, `destinations/${configured}`), status: 404 };
    });
    expect(seen).toBe(counted);
    expect(report.results.filter((r) => r.status === 'failed').map((r) => `${r.name}: ${r.message}`).join('\n')).toMatch(/a refused request changed the destination \(RFC 5789 §2\): \w+.*\(after the Pact replay's refused PATCH, HTTP 404\)/);
  }, 60_000);

  // Law 2, late, in the Pact replay: the run's last wrong-credential update (the replay's 401) applied 200 ms after the
  // replay's next update is answered (its last, which the write would otherwise merely repeat). The read-back right after
  // the refusal sees nothing yet; the look LAST_LOOK_MS after the replay does. Counted from the replay's update, not from
  // the read-back: a verifier slower than 200 ms to send it (a loaded machine) would have the update overwrite the write.
  it('class 1: the Pact replay\'s wrong-credential update applied late, after the next update (Ampersand)', async () => {
    const credential = vendorModule('ampersand').sandbox.credential;
    const wrongCredential = (headers: Record<string, string | string[] | undefined>) => !String(headers['x-api-key'] ?? '').includes(credential);
    let counted = 0;
    const legal = await verifyBehind('ampersand', (status, body) => ({ status, headers: {}, body }), (headers) => void (wrongCredential(headers) && counted++));
    expect(legal.results.filter((r) => r.status === 'failed').map((r) => r.name)).toEqual([]);
    let seen = 0;
    const report = await verifyBehind('ampersand', (status, body) => ({ status, headers: {}, body }), (headers) => {
      if (!wrongCredential(headers) || ++seen !== counted) return undefined;
      // The suite's read-backs after the refusal are masked no-op updates, built mask first ({"updateMask":…); the replay's
      // updates are the pact's bodies, which start with the destination: the next of those counts.
      return { headers: { ...headers, 'x-api-key': credential }, afterNext: { ms: 200, counts: (body) => !body.startsWith('{"updateMask"') } };
    });
    expect(seen).toBe(counted);
    expect(report.results.filter((r) => r.status === 'failed').map((r) => `${r.name}: ${r.message}`).join('\n')).toMatch(/a refused request changed the destination \(RFC 5789 §2\): \w+.*\(read 1 s after the Pact replay, whose last refused PATCH was answered HTTP 401: applied late\)/);
  }, 60_000);

  // A refused request changes nothing (RFC 5789 §2): refusing the credential after applying the update is caught by the read-back.
  it.concurrent.each([
    ['prequel', 'x-api-key'],
    ['redox', 'authorization'],
  ] as const)('class 1: an update sent with a wrong credential applied, then answered 401 (%s)', async (vendor, header) => {
    const credential = vendorModule(vendor).sandbox.credential;
    const report = await verifyBehind(vendor, (status, body) => ({ status, headers: {}, body }), (headers) => {
      if (String(headers[header] ?? '').includes(credential)) return undefined;
      return { headers: { ...headers, [header]: header === 'authorization' ? `Bearer ${credential}` : credential } };
    });
    expect(report.results.filter((r) => r.status === 'failed').map((r) => `${r.name}: ${r.message}`).join('\n')).toMatch(/a wrong credential is refused.*: a refused request changed the destination \(RFC 5789 §2\): name.*\(after a well-formed wrong credential\)/);
  }, 60_000);
});

async function verifyBehind(vendor: VendorId, rewrite: Rewrite, applyAnyway?: ApplyAnyway, overrides?: SandboxOverrides) {
  const sandbox = await startSandbox(overrides ? { overrides } : {});
  const proxy = await rewritingProxy(sandbox.url, rewrite, applyAnyway);
  try {
    const names = envNames(getVendor(vendor));
    const env: NodeJS.ProcessEnv = { [names.credential]: vendorModule(vendor).sandbox.credential };
    for (const [key, name] of Object.entries(names.ids)) env[name] = documentedExample(vendorModule(vendor)).params[key];
    return await verify({ vendors: [vendor], baseUrl: `${proxy.url}/${vendor}`, env, timeoutMs: 5000, allowSecretWrites: true, allowOverwrite: true });
  } finally {
    await proxy.close();
    await sandbox.close();
  }
}

type Rewrite = (status: number, body: string, lastSuccessBody: string, requestBody: string, url: string) => { status: number; headers: Record<string, string>; body: string };

/**
 * For a request the provider should refuse: how to apply it anyway (with these headers, at `path` when the request is
 * rerouted to another destination; with `afterNext`, `ms` after the next request it `counts` (by its body) is answered), and the
 * refusal to answer (401 unless `status` says), or undefined.
 */
type ApplyAnyway = (headers: Record<string, string | string[] | undefined>, path: string) => { headers: Record<string, string | string[] | undefined>; path?: string; status?: number; afterNext?: { ms: number; counts: (requestBody: string) => boolean } } | undefined;

async function rewritingProxy(target: string, rewrite: Rewrite, applyAnyway?: ApplyAnyway): Promise<{ url: string; close(): Promise<void> }> {
  let last = '';
  /** A refused request to apply once the next request it counts is answered. */
  let afterNext: { apply: () => void; counts: (requestBody: string) => boolean } | undefined;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const requestBody = Buffer.concat(chunks).toString('utf8');
      const anyway = applyAnyway?.(req.headers, req.url ?? '');
      const applied = anyway && { headers: anyway.headers, path: anyway.path ?? req.url ?? '', status: anyway.status ?? 401 };
      if (applied && anyway?.afterNext) {
        const refusal = JSON.stringify({ error: 'refused' });
        res.writeHead(applied.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(refusal) });
        res.end(refusal);
        const apply = () => httpRequest(`${target}${applied.path}`, { method: req.method, headers: { ...applied.headers, host: new URL(target).host } }, (answer) => answer.resume()).end(requestBody);
        const { ms, counts } = anyway.afterNext;
        return void (afterNext = { apply: () => setTimeout(apply, ms), counts });
      }
      const upstream = httpRequest(`${target}${applied?.path ?? req.url}`, { method: req.method, headers: { ...(applied?.headers ?? req.headers), host: new URL(target).host } }, (answer) => {
        const body: Buffer[] = [];
        answer.on('data', (c: Buffer) => body.push(c));
        answer.on('end', () => {
          const text = Buffer.concat(body).toString('utf8');
          if (applied) {
            const refusal = JSON.stringify({ error: applied.status === 401 ? 'unauthorized' : 'refused' });
            res.writeHead(applied.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(refusal) });
            return void res.end(refusal);
          }
          if ((answer.statusCode ?? 0) < 300) last = text;
          const out = rewrite(answer.statusCode ?? 502, text, last, requestBody, req.url ?? '');
          res.writeHead(out.status, { 'content-type': 'application/json', ...out.headers, 'content-length': Buffer.byteLength(out.body) });
          res.end(out.body);
          if (afterNext?.counts(requestBody)) {
            afterNext.apply();
            afterNext = undefined;
          }
        });
      });
      upstream.end(requestBody);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
