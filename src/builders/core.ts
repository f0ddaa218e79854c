/**
 * The request a conforming client sends, built from typed input: method, path with
 * percent-encoded parameters, the documented auth header, query parameters, and a body that has
 * been checked against the request schema.
 */
import { validate, type ValidationIssue } from '../validate/index.js';
import type { VendorDefinition } from '../vendors/types.js';

export interface BuiltRequest {
  readonly vendor: VendorDefinition['id'];
  readonly method: 'PUT' | 'PATCH';
  /** The documented path with parameters percent-encoded, e.g. `/v3/destinations/86741`. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** Lower-cased header names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

export interface Credentials {
  readonly token?: string;
  readonly apiKey?: string;
}

/** The body breaks the schema; `pointers` names every offending place. */
export class RequestBuildError extends Error {
  constructor(
    readonly vendor: string,
    readonly issues: readonly ValidationIssue[],
  ) {
    super(`${vendor} request body is invalid: ${issues.map((i) => i.message).join('; ')}`);
    this.name = 'RequestBuildError';
  }
  get pointers(): string[] {
    return this.issues.map((i) => i.path);
  }
}

export function buildRequest(
  vendor: VendorDefinition,
  pathParameters: Readonly<Record<string, string>>,
  credentials: Credentials,
  body: unknown,
  query: Readonly<Record<string, boolean | string | number | undefined>> = {},
): BuiltRequest {
  const result = validate(vendor, 'request', body);
  if (!result.valid) throw new RequestBuildError(vendor.id, result.errors);
  return {
    vendor: vendor.id,
    method: vendor.method,
    path: expandPath(vendor, pathParameters),
    query: Object.fromEntries(Object.entries(query).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]]))),
    headers: { [vendor.auth.header]: authHeaderValue(vendor, credentials), 'content-type': 'application/json', accept: 'application/json' },
    body,
  };
}

/** The adapter input of DESIGN.md ("Client adapter"): path parameters by input key, body, query. */
export interface UpdateInput {
  readonly body: unknown;
  readonly query?: Readonly<Record<string, boolean | undefined>>;
  readonly [inputKey: string]: unknown;
}

/** Builds from the adapter-shaped input of any vendor. */
export function buildFromInput(vendor: VendorDefinition, input: UpdateInput, credentials: Credentials): BuiltRequest {
  const pathParameters = Object.fromEntries(vendor.pathParameters.map((p) => [p.name, input[p.inputKey] as string]));
  return buildRequest(vendor, pathParameters, credentials, input.body, input.query ?? {});
}

/** `pathTemplate` with each `{param}` replaced by its percent-encoded value. */
export function expandPath(vendor: VendorDefinition, pathParameters: Readonly<Record<string, string>>): string {
  return vendor.pathTemplate.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = pathParameters[name];
    if (typeof value !== 'string' || value === '') throw new TypeError(`${vendor.id}: path parameter ${name} must be a non-empty string`);
    return encodeURIComponent(value);
  });
}

function authHeaderValue(vendor: VendorDefinition, credentials: Credentials): string {
  const secret = vendor.auth.kind === 'bearer' ? credentials.token : credentials.apiKey;
  const name = vendor.auth.credential;
  if (typeof secret !== 'string' || secret === '') throw new TypeError(`${vendor.id}: credentials.${name} is required`);
  // A header value cannot hold white space or control characters (and a token never does).
  if (/[\s\x00-\x1f\x7f]/.test(secret)) throw new TypeError(`${vendor.id}: credentials.${name} contains white space or control characters`);
  return vendor.auth.kind === 'bearer' ? `Bearer ${secret}` : secret;
}

/** The full URL of a built request against a base URL (an origin with an optional path prefix). */
export function urlFor(baseUrl: string, request: BuiltRequest): string {
  const search = new URLSearchParams(request.query).toString();
  return `${baseUrl.replace(/\/+$/, '')}${request.path}${search ? `?${search}` : ''}`;
}
