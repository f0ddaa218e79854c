import { describe, expect, it } from 'vitest';
import { destconf } from './helpers/cli.js';
import { mutantAdapter } from './helpers/mutant-clients.js';

/** [name, vendor, from, to, what the output must name] */
const MUTANTS: [string, string, string, string, RegExp][] = [
  ['wrong method', 'prequel', "method: 'PATCH', url: `${baseUrl}/destinations/", "method: 'PUT', url: `${baseUrl}/destinations/", /wrong method: expected PATCH, got PUT/],
  ['missing auth', 'redox', 'headers: bearer(credentials.token), body }),\n  };\n}\n', 'headers: {}, body }),\n  };\n}\n', /missing auth header: expected Authorization/],
  ['wrong auth scheme', 'stitch', 'Authorization: `Bearer ${token}`', 'Authorization: `Token ${token}`', /wrong auth scheme: expected "Bearer <token>", got "Token <token>"/],
  ['wrong auth header name', 'prequel', "apiKey('X-API-KEY'", "apiKey('X-Prequel-Key'", /wrong auth header name: expected X-API-KEY, got x-prequel-key/],
  ['unencoded path parameter', 'stitch', 'encodeURIComponent(String(value))', 'String(value)', /path parameter not percent-encoded/],
  ['dropped body field', 'streamkap', 'body: JSON.stringify(body)', "body: JSON.stringify(body, (k, v) => (k === 'connector' ? undefined : v))", /body field dropped: dropped \/connector/],
  ['added documented body field', 'redox', 'body: JSON.stringify(body)', "body: JSON.stringify({ name: 'set by the client', ...body })", /body field added: added \/name/],
  ['wrong content type', 'redox', "'Content-Type': 'application/json'", "'Content-Type': 'text/plain'", /wrong content type: expected application\/json, got text\/plain/],
  ['ignored query parameters', 'streamkap', '${queryString(query)}', '', /query parameters: expected .+, got \(none\)/],
  ['unwrapped response', 'prequel', 'return parsed;', 'return parsed?.data ?? parsed;', /changed or unwrapped the response body/],
  ['changed response', 'stitch', 'return parsed;', 'return { ...parsed, fetchedAt: 1 };', /changed or unwrapped the response body: added \/fetchedAt/],
  ['mutates its input before sending', 'redox', 'async function send({ method, url, headers, body }) {', "async function send({ method, url, headers, body }) {\n  if (body && typeof body === 'object') delete body.name;", /body field dropped: dropped \/name/],
  ['caches answers per instance', 'redox', 'export function redoxClient({ baseUrl, credentials = {} }) {\n  return {\n    updateDestination: ({ destinationId, body }) =>\n      send(', 'export function redoxClient({ baseUrl, credentials = {} }) {\n  let cached;\n  return {\n    updateDestination: async ({ destinationId, body }) => cached ??= await send(', /changed or unwrapped the response body/],
  ['rejects with a plain object', 'stitch', 'if (!response.ok) throw new ApiError(response.status, parsed);', 'if (!response.ok) throw { status: response.status, body: parsed };', /on HTTP 400 the client rejected with something that is not an Error instance/],
  ['gives up on 5xx it does not know', 'prequel', 'if (!response.ok) throw new ApiError(response.status, parsed);', 'if (!response.ok && response.status < 502) throw new ApiError(response.status, parsed);', /errors swallowed: on HTTP 502 the client resolved instead of rejecting/],
  ['errors swallowed', 'ampersand', 'if (!response.ok) throw new ApiError(response.status, parsed);', '', /errors swallowed: on HTTP 404 the client resolved instead of rejecting/],
];

// Each case spawns its own CLI: they run side by side.
describe('check-client rejects mutant clients, naming the deviation', () => {
  it.concurrent.each(MUTANTS)('%s (%s)', async (name, vendor, from, to, named) => {
    const adapter = mutantAdapter(name.replace(/\s/g, '-'), from, to);
    const result = await destconf(['check-client', '--adapter', adapter, '--vendor', vendor, '--runs', '30', '--reports', `${adapter}-reports`]);
    expect(result.code, result.stdout + result.stderr).toBe(1);
    expect(result.stdout).toMatch(named);
    expect(result.stdout).not.toMatch(/(?<![0-9a-zA-Z])[0-9a-f]{32}(?![0-9a-zA-Z])/);
  });

  it('passes a client that adds a field the page documents for the destination with a warning, and fails it under --strict', async () => {
    // Streamkap's own client sends "id": "" in every PUT (VENDOR-NOTES.md); id is a response field of the page.
    const adapter = mutantAdapter('documented-field', 'body: JSON.stringify(body)', "body: JSON.stringify({ id: '', ...body })");
    const args = ['check-client', '--adapter', adapter, '--vendor', 'streamkap', '--runs', '20', '--reports', `${adapter}-reports`];
    const lenient = await destconf(args);
    expect(lenient.code, lenient.stdout + lenient.stderr).toBe(0);
    expect(lenient.stdout).toMatch(/warning \(fails under --strict\): body field the caller did not give \(beyond the input; documented for the destination, not for this request\): added \/id/);
    const strict = await destconf([...args, '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(/added \/id \(a warning, failing under --strict\)/);
  });

  it('fails a client that adds a field nobody documents, naming it an invention', async () => {
    const adapter = mutantAdapter('invented-field', 'body: JSON.stringify(body)', "body: JSON.stringify({ ...body, clientVersion: '1.0' })");
    const result = await destconf(['check-client', '--adapter', adapter, '--vendor', 'ampersand', '--runs', '20', '--reports', `${adapter}-reports`]);
    expect(result.code, result.stdout + result.stderr).toBe(1);
    expect(result.stdout).toMatch(/body field added: added \/clientVersion \(\/clientVersion: neither given by the caller nor documented by the page or the vendor\)/);
    expect(result.stdout).toMatch(/evidence: the page — 003_/);
  });

  it('fails a client that hangs, after --timeout-ms, and goes on', async () => {
    const adapter = mutantAdapter('hangs', 'const response = await fetch(', 'await new Promise(() => {});\n  const response = await fetch(');
    const started = Date.now();
    const result = await destconf(['check-client', '--adapter', adapter, '--vendor', 'redox', '--timeout-ms', '100', '--runs', '3', '--reports', `${adapter}-reports`]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/did not settle within 100 ms/);
    expect(result.stdout).toMatch(/rejects on HTTP 500/);
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});

/** The client laws, judged on every call of every scenario: mutants in forms the first mutants do not take. */
describe('check-client holds the client laws on every call', () => {
  const PARSE_TRY = "  try {\n    parsed = text === '' ? null : JSON.parse(text);\n  } catch {\n    // Not JSON: keep the text.\n  }";
  const SEND = 'async function send({ method, url, headers, body }) {';
  const LAW_MUTANTS: [string, string, string, string, RegExp][] = [
    // Law 7: every non-2xx rejects with status and body, whatever the body.
    ['parses every error body as JSON', 'redox', PARSE_TRY, "  parsed = text === '' ? null : JSON.parse(text);", /on HTTP 502 \(text\/plain body\) the rejection carries status undefined, expected 502 \(rejected with SyntaxError/],
    ['takes a 3xx for a success', 'stitch', 'if (!response.ok) throw new ApiError(response.status, parsed);', 'if (response.status >= 400) throw new ApiError(response.status, parsed);', /errors swallowed: on HTTP 300 \(JSON body, no Location\) the client resolved instead of rejecting/],
    // Law 9: a second request only after a failed answer.
    ['reads the destination back after each update', 'prequel', 'if (!response.ok) throw new ApiError(response.status, parsed);', "if (!response.ok) throw new ApiError(response.status, parsed);\n  await fetch(url, { headers }).then((r) => r.arrayBuffer());", /one request per call, a second only after a failed answer\n.*\n\s+2 requests for one call: request 2 is a GET, not the update \(PATCH\)/],
    // Law 9, after the call: a request no call waits for, sent after the last call of the run too (the quiet period).
    ['reads the destination back in the background, 700 ms after the call settled', 'redox', 'if (!response.ok) throw new ApiError(response.status, parsed);', "if (!response.ok) throw new ApiError(response.status, parsed);\n  setTimeout(() => fetch(url, { headers }).catch(() => {}), 700);", /one request per call, a second only after a failed answer\n.*\n.*\d+ requests sent after their calls had settled \(a background or delayed request; the first: GET \/base-prefix\/platform\/v1\/destinations\//],
    ['sends the update again in the background after a 308 (the run\'s last call)', 'ampersand', 'if (!response.ok) throw new ApiError(response.status, parsed);', "if (response.status === 308) setTimeout(() => fetch(url, { method, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body), redirect: 'manual' }).catch(() => {}), 100);\n  if (!response.ok) throw new ApiError(response.status, parsed);", /1 request sent after its call had settled \(a background or delayed request; the first: PATCH \/base-prefix\/v1\/projects\//],
    // Law 10: the second update of a destination through one instance is the full request too.
    ['sends only what changed since the last update (a PUT)', 'stitch', "      send({ method: 'PUT', url: `${baseUrl}/v3/destinations/${segment(destinationId)}`, headers: bearer(credentials.token), body }),", "      send({ method: 'PUT', url: `${baseUrl}/v3/destinations/${segment(destinationId)}`, headers: bearer(credentials.token), body: delta(destinationId, body) }),", /every request of every call is the documented request for its input\n.*\n\s+a call: body field dropped/],
  ];
  const withDelta = (source: string) => source.replace('export function stitchClient({ baseUrl, credentials = {} }) {', "export function stitchClient({ baseUrl, credentials = {} }) {\n  const sent = new Map();\n  const delta = (id, body) => { const before = sent.get(id); sent.set(id, body); return before ? Object.fromEntries(Object.entries(body).filter(([k, v]) => JSON.stringify(before[k]) !== JSON.stringify(v))) : body; };");

  it.concurrent.each(LAW_MUTANTS)('%s (%s)', async (name, vendor, from, to, named) => {
    const adapter = mutantAdapter(name.replace(/\W+/g, '-'), from, to, name.startsWith('sends only') ? withDelta : undefined);
    const result = await destconf(['check-client', '--adapter', adapter, '--vendor', vendor, '--runs', '20', '--reports', `${adapter}-reports`]);
    expect(result.code, result.stdout + result.stderr).toBe(1);
    expect(result.stdout).toMatch(named);
  });

  it('warns on a PATCH retried after a 5xx (RFC 9110 §9.2.2 SHOULD NOT), failing only under --strict; a PUT retried is fine', async () => {
    const retrying = `async function send(args) {\n  try {\n    return await sendOnce(args);\n  } catch (error) {\n    if (error.status === 503) return sendOnce(args);\n    throw error;\n  }\n}\nasync function sendOnce({ method, url, headers, body }) {`;
    const adapter = mutantAdapter('retries-503', SEND, retrying);
    const args = (vendor: string) => ['check-client', '--adapter', adapter, '--vendor', vendor, '--runs', '20', '--reports', `${adapter}-reports-${vendor}`];
    const patch = await destconf(args('ampersand'));
    expect(patch.code, patch.stdout + patch.stderr).toBe(0);
    expect(patch.stdout).toMatch(/a PATCH retried after HTTP 503 \(RFC 9110 §9\.2\.2/);
    const strict = await destconf([...args('ampersand'), '--strict']);
    expect(strict.code).toBe(1);
    const put = await destconf(args('stitch'));
    expect(put.code, put.stdout + put.stderr).toBe(0);
    expect(put.stdout).not.toMatch(/retried after HTTP/);
    expect(put.stdout).toMatch(/✓ stitch: one request per call, a second only after a failed answer/);
  });
});
