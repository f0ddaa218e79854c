/**
 * The request a conforming client sends, checked rule by rule and by meaning (src/http/equivalence.ts):
 * method, path (percent-encoding equivalences allowed), auth header (name, scheme, and nowhere
 * else), content type and charset, query parameters (a documented default sent or left out is the
 * same request), body (dropped, added or changed fields). Each deviation is named the way a client
 * author would look for it; an undocumented body field is a warning (beyond the docs), the rest errors.
 */
import { describeDifferences, jsonDifferences } from '../../src/client-check/json-diff.js';
import type { RecordedRequest } from '../../src/client-check/recorder.js';
import { bearerToken, decodeSegment, jsonMediaTypeProblem } from '../../src/http/equivalence.js';
import { canonicalSets, isRecord, unorderedPointers } from '../../src/schemas/walk.js';
import { validate } from '../../src/validate/index.js';
import { secretIn } from '../../src/util/secret-forms.js';
import type { VendorDefinition } from '../../src/vendors/types.js';

export interface ExpectedCall {
  readonly input: Record<string, unknown> & { body: unknown; query?: Record<string, unknown> };
  readonly credentials: Readonly<Record<string, string>>;
  readonly basePath: string;
}

export interface Deviation {
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

const error = (message: string): Deviation => ({ severity: 'error', message });

export function requestDeviations(vendor: VendorDefinition, expected: ExpectedCall, request: RecordedRequest): Deviation[] {
  return [
    ...methodDeviation(vendor, request),
    ...pathDeviation(vendor, expected, request),
    ...authDeviation(vendor, expected, request),
    ...contentTypeDeviation(request),
    ...queryDeviation(vendor, expected, request),
    ...bodyDeviation(vendor, expected, request),
  ];
}

/** Whether the request went to the documented path of this call's input (any legal spelling of it). */
export const goesToPathOf = (vendor: VendorDefinition, expected: ExpectedCall, request: RecordedRequest): boolean => pathDeviation(vendor, expected, request).length === 0;

export const errorsOf = (deviations: readonly Deviation[]): string[] => deviations.filter((d) => d.severity === 'error').map((d) => d.message);
export const warningsOf = (deviations: readonly Deviation[]): string[] => deviations.filter((d) => d.severity === 'warning').map((d) => d.message);

function methodDeviation(vendor: VendorDefinition, request: RecordedRequest): Deviation[] {
  return request.method === vendor.method ? [] : [error(`wrong method: expected ${vendor.method}, got ${request.method}`)];
}

/** The documented path for the input, segment by segment (decoded values), below the base path. */
function expectedSegments(vendor: VendorDefinition, expected: ExpectedCall): string[] {
  const params = Object.fromEntries(vendor.pathParameters.map((p) => [p.name, String(expected.input[p.inputKey])]));
  const base = expected.basePath.split('/').filter(Boolean);
  const template = vendor.pathTemplate.split('/').filter(Boolean).map((s) => s.replace(/^\{(\w+)\}$/, (_, name: string) => params[name]!));
  return [...base, ...template];
}

function pathDeviation(vendor: VendorDefinition, expected: ExpectedCall, request: RecordedRequest): Deviation[] {
  const wanted = expectedSegments(vendor, expected);
  const shown = `/${wanted.map(encodeURIComponent).join('/')}`;
  const actual = request.url.split('?')[0] ?? '';
  const raw = actual.split('/').slice(1);
  const decoded: string[] = [];
  for (const segment of raw) {
    const result = decodeSegment(segment);
    if ('problem' in result) return [error(`path parameter not percent-encoded: ${result.problem} (expected ${shown}, got ${actual})`)];
    decoded.push(result.value);
  }
  if (decoded.length === wanted.length && decoded.every((s, i) => s === wanted[i])) return [];
  if (decoded.join('/') === wanted.join('/')) return [error(`path parameter not percent-encoded: a "/" in an id must be sent as %2F (expected ${shown}, got ${actual})`)];
  // An id holding characters a path segment cannot carry raw came out changed: it was not encoded
  // (URL parsing trims, drops or splits what it should have been given as %XX).
  const needsEncoding = vendor.pathParameters.some((p) => /[^A-Za-z0-9\-._~!$&'()*+,;=:@]/.test(String(expected.input[p.inputKey])));
  return [error(`${needsEncoding ? 'path parameter not percent-encoded' : 'wrong path'}: expected ${shown}, got ${actual}`)];
}

function authDeviation(vendor: VendorDefinition, expected: ExpectedCall, request: RecordedRequest): Deviation[] {
  const secret = expected.credentials[vendor.auth.credential]!;
  const shownName = vendor.auth.kind === 'bearer' ? 'Authorization' : vendor.auth.headerDisplay;
  const found: Deviation[] = [];
  const value = request.headers[vendor.auth.header];
  const text = Array.isArray(value) ? value.join(', ') : value;
  if (text === undefined) {
    const elsewhere = Object.entries(request.headers).find(([, v]) => typeof v === 'string' && v.includes(secret));
    found.push(error(elsewhere ? `wrong auth header name: expected ${shownName}, got ${elsewhere[0]}` : `missing auth header: expected ${shownName}`));
  } else if (vendor.auth.kind === 'bearer') {
    if (bearerToken(text) !== secret) {
      if (text === secret) found.push(error('wrong auth scheme: expected "Bearer <token>", got the bare token'));
      else if (text.endsWith(secret)) found.push(error(`wrong auth scheme: expected "Bearer <token>", got "${text.slice(0, text.length - secret.length)}<token>"`));
      else found.push(error(`wrong ${shownName} header value: expected "Bearer <token>"`));
    }
  } else if (text !== secret) {
    found.push(error(`wrong ${shownName} header value: expected the API key`));
  }
  found.push(...credentialElsewhere(vendor, secret, request));
  return found;
}

/** The credential belongs in its documented header only: not in another header, the URL or the body. */
function credentialElsewhere(vendor: VendorDefinition, secret: string, request: RecordedRequest): Deviation[] {
  const places: string[] = [];
  // In any spelling the redactor knows (src/util/secret-forms.ts): encoded, base64, partial.
  const shows = (text: string) => secretIn(text, secret) !== undefined;
  for (const [name, v] of Object.entries(request.headers)) {
    if (name !== vendor.auth.header && shows(Array.isArray(v) ? v.join(',') : String(v ?? ''))) places.push(`header ${name}`);
  }
  const url = safeDecode(request.url);
  if (shows(url) || shows(request.url)) places.push(shows(request.url.split('?')[0]!) || shows(url.split('?')[0]!) ? 'the path' : 'the query');
  if (shows(request.body)) places.push('the body');
  return places.length > 0 ? [error(`credential leaked: sent in ${places.join(', ')}, not only in the documented ${vendor.auth.kind === 'bearer' ? 'Authorization' : vendor.auth.headerDisplay} header`)] : [];
}

function contentTypeDeviation(request: RecordedRequest): Deviation[] {
  const problem = jsonMediaTypeProblem(request.headers['content-type']);
  return problem ? [error(problem)] : [];
}

/**
 * Documented query parameters by meaning: booleans in any case, and a parameter equal to its
 * documented default is the same request as one that leaves it out (a parameter whose schema
 * default is false may be sent as false or left out).
 */
function queryDeviation(vendor: VendorDefinition, expected: ExpectedCall, request: RecordedRequest): Deviation[] {
  const given = Object.entries(expected.input.query ?? {}).filter(([, v]) => v !== undefined).map(([k, v]): [string, string] => [k, String(v)]);
  const sent = [...new URLSearchParams(request.url.split('?')[1] ?? '').entries()];
  const wanted = canonicalQuery(vendor, given);
  const actual = canonicalQuery(vendor, sent);
  if (wanted.join('&') === actual.join('&')) return [];
  // A documented parameter the caller did not give, sent by the client of its own accord (Streamkap's
  // own client always asks secret_returned=true): beyond the input, not against the page. A value
  // the caller gave that the client changed or dropped, or an undocumented parameter, is an error.
  const documented = new Set(Object.keys(vendor.schemas.query?.properties ?? {}));
  const givenKeys = new Set(given.map(([k]) => k));
  const ownAccord = actual.filter((pair) => !wanted.includes(pair) && documented.has(pair.split('=')[0]!) && !givenKeys.has(pair.split('=')[0]!));
  const rest = actual.filter((pair) => !wanted.includes(pair) && !ownAccord.includes(pair));
  const missing = wanted.filter((pair) => !actual.includes(pair));
  if (rest.length === 0 && missing.length === 0) {
    return [{ severity: 'warning', message: `query parameters the caller did not give (beyond the input): ${ownAccord.join('&')}` }];
  }
  return [error(`query parameters: expected ${wanted.join('&') || '(none)'}, got ${actual.join('&') || '(none)'} (documented defaults left out on both sides)`)];
}

function canonicalQuery(vendor: VendorDefinition, entries: readonly (readonly [string, string])[]): string[] {
  const properties = (vendor.schemas.query?.properties ?? {}) as Record<string, { type?: unknown; default?: unknown }>;
  return entries
    .map(([key, value]): [string, string] => [key, properties[key]?.type === 'boolean' && /^(true|false)$/i.test(value) ? value.toLowerCase() : value])
    .filter(([key, value]) => !(properties[key] && 'default' in properties[key]! && String(properties[key]!.default) === value))
    .map(([key, value]) => `${key}=${value}`)
    .sort();
}

function bodyDeviation(vendor: VendorDefinition, expected: ExpectedCall, request: RecordedRequest): Deviation[] {
  let body: unknown;
  try {
    body = JSON.parse(request.body);
  } catch {
    return [error(`body is not JSON: ${request.body.slice(0, 60)}`)];
  }
  // A set-valued array (a field mask) sent in another order or de-duplicated is the same request.
  const sets = unorderedPointers(vendor.schemas.request);
  const differences = jsonDifferences(canonicalSets(expected.input.body, sets), canonicalSets(body, sets));
  if (differences.length === 0) return [];
  // A field the request schema does not document, which the caller did not give either: a field the
  // page or the vendor's material knows (Streamkap's own client sends the response's "id") is beyond
  // the input, a warning; one nobody documents is the client's invention, an error.
  const undocumented = new Set(isRecord(body) ? validate(vendor, 'request', body).warnings.map((w) => w.path) : []);
  const beyond = differences.filter((d) => d.kind === 'added' && undocumented.has(d.pointer));
  const known = beyond.filter((d) => isKnownField(vendor, d.pointer));
  const against = differences.filter((d) => !known.includes(d));
  const out: Deviation[] = [];
  if (against.length > 0) {
    const invented = against.filter((d) => beyond.includes(d));
    const kinds = [...new Set(against.map((d) => d.kind))].map((k) => `body field ${k}`).join(' and ');
    const why = invented.length > 0 ? ` (${invented.map((d) => d.pointer).join(', ')}: neither given by the caller nor documented by the page or the vendor)` : '';
    out.push(error(`${kinds}: ${describeDifferences(against)}${why}`));
  }
  if (known.length > 0) out.push({ severity: 'warning', message: `body field the caller did not give (beyond the input; documented for the destination, not for this request): ${describeDifferences(known)}` });
  return out;
}

/**
 * A top-level request field that the page documents for the destination elsewhere (a response
 * field), or that the request schema lists as known from the vendor's own material (`x-known-fields`).
 */
function isKnownField(vendor: VendorDefinition, pointer: string): boolean {
  const segments = pointer.split('/').slice(1);
  if (segments.length !== 1) return false;
  const name = segments[0]!;
  const known = (vendor.schemas.request['x-known-fields'] ?? {}) as Record<string, unknown>;
  const responseFields = (vendor.schemas.response.properties ?? {}) as Record<string, unknown>;
  return Object.hasOwn(known, name) || Object.hasOwn(responseFields, name);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
