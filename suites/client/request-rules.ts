/**
 * The request a conforming client sends, checked rule by rule. Each deviation is named the way a
 * client author would look for it: method, path encoding, auth header (name, scheme), content type,
 * query parameters, body (dropped, added or changed fields).
 */
import { expandPath } from '../../src/builders/index.js';
import { describeDifferences, jsonDifferences } from '../../src/client-check/json-diff.js';
import type { RecordedRequest } from '../../src/client-check/recorder.js';
import type { VendorDefinition } from '../../src/vendors/index.js';

export interface ExpectedCall {
  readonly input: Record<string, unknown> & { body: unknown; query?: Record<string, unknown> };
  readonly credentials: Readonly<Record<string, string>>;
  readonly basePath: string;
}

export function requestDeviations(vendor: VendorDefinition, expected: ExpectedCall, request: RecordedRequest): string[] {
  return [
    ...methodDeviation(vendor, request),
    ...pathDeviation(vendor, expected, request),
    ...authDeviation(vendor, expected, request),
    ...contentTypeDeviation(request),
    ...queryDeviation(expected, request),
    ...bodyDeviation(expected, request),
  ];
}

function methodDeviation(vendor: VendorDefinition, request: RecordedRequest): string[] {
  return request.method === vendor.method ? [] : [`wrong method: expected ${vendor.method}, got ${request.method}`];
}

function pathDeviation(vendor: VendorDefinition, expected: ExpectedCall, request: RecordedRequest): string[] {
  const params = Object.fromEntries(vendor.pathParameters.map((p) => [p.name, String(expected.input[p.inputKey])]));
  const wanted = `${expected.basePath}${expandPath(vendor, params)}`;
  const actual = request.url.split('?')[0] ?? '';
  if (actual === wanted) return [];
  const sameDecoded = safeDecode(actual) === safeDecode(wanted);
  if (sameDecoded || actual.split('/').length !== wanted.split('/').length) {
    return [`path parameter not percent-encoded: expected ${wanted}, got ${actual}`];
  }
  return [`wrong path: expected ${wanted}, got ${actual}`];
}

function authDeviation(vendor: VendorDefinition, expected: ExpectedCall, request: RecordedRequest): string[] {
  const secret = expected.credentials[vendor.auth.credential]!;
  const wantedValue = vendor.auth.kind === 'bearer' ? `Bearer ${secret}` : secret;
  const shownName = vendor.auth.kind === 'bearer' ? 'Authorization' : vendor.auth.headerDisplay;
  const value = request.headers[vendor.auth.header];
  if (value === wantedValue) return [];
  if (value === undefined) {
    const elsewhere = Object.entries(request.headers).find(([, v]) => typeof v === 'string' && v.includes(secret));
    if (elsewhere) return [`wrong auth header name: expected ${shownName}, got ${elsewhere[0]}`];
    return [`missing auth header: expected ${shownName}`];
  }
  if (vendor.auth.kind === 'bearer') {
    if (value === secret) return ['wrong auth scheme: expected "Bearer <token>", got the bare token'];
    if (typeof value === 'string' && value.endsWith(secret)) return [`wrong auth scheme: expected "Bearer <token>", got "${value.slice(0, value.length - secret.length)}<token>"`];
  }
  return [`wrong ${shownName} header value: expected ${vendor.auth.kind === 'bearer' ? '"Bearer <token>"' : 'the API key'}`];
}

function contentTypeDeviation(request: RecordedRequest): string[] {
  const value = request.headers['content-type'];
  return /^application\/json\s*(;.*)?$/i.test(value ?? '') ? [] : [`wrong content type: expected application/json, got ${value ?? 'none'}`];
}

function queryDeviation(expected: ExpectedCall, request: RecordedRequest): string[] {
  const wanted = Object.entries(expected.input.query ?? {})
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${String(v)}`)
    .sort();
  const actual = [...new URLSearchParams(request.url.split('?')[1] ?? '').entries()].map(([k, v]) => `${k}=${v}`).sort();
  if (wanted.join('&') === actual.join('&')) return [];
  return [`query parameters: expected ${wanted.join('&') || '(none)'}, got ${actual.join('&') || '(none)'}`];
}

function bodyDeviation(expected: ExpectedCall, request: RecordedRequest): string[] {
  let body: unknown;
  try {
    body = JSON.parse(request.body);
  } catch {
    return [`body is not JSON: ${request.body.slice(0, 60)}`];
  }
  const differences = jsonDifferences(expected.input.body, body);
  if (differences.length === 0) return [];
  const kinds = [...new Set(differences.map((d) => d.kind))].map((k) => `body field ${k}`).join(' and ');
  return [`${kinds}: ${describeDifferences(differences)}`];
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
