/**
 * The few broker requests the suite makes itself (the pact CLI and the Pact verifier make the rest): the
 * index, before any command talks to the broker, so that trouble is one clear usage error (exit 2) and
 * not a Rust panic on a redirect, 95 s of retries on a 500, or a "not deployable" on a refused
 * credential; and the pacts for verification, so that findings can name each pact's consumer and version.
 *
 * The credential goes to the configured broker origin only, in the Authorization header: a link to
 * another origin is refused rather than followed, and redirects are never followed.
 */
import { UsageError } from '../util/errors.js';
import { networkReason } from '../util/network.js';
import { Redactor } from '../util/redact.js';

export interface BrokerAuth {
  readonly token?: string;
  readonly username?: string;
  readonly password?: string;
}

export interface Broker {
  /** The configured base URL, without a trailing slash. */
  readonly url: string;
  readonly auth: BrokerAuth;
  /** Each request's bound (a hanging broker is given up, never waited on for ever). */
  readonly timeoutMs: number;
}

export const DEFAULT_BROKER_TIMEOUT_MS = 30_000;

/** The broker refused or could not answer: a configuration problem, exit 2, one line. */
export class BrokerError extends UsageError {}

export function authorization(auth: BrokerAuth): string | undefined {
  if (auth.token) return `Bearer ${auth.token}`;
  if (auth.username) return `Basic ${Buffer.from(`${auth.username}:${auth.password ?? ''}`).toString('base64')}`;
  return undefined;
}

/** A JSON request to the broker; `target` is a path or a URL of the broker's own origin. */
export async function brokerRequest(broker: Broker, target: string, init: { method?: string; body?: unknown } = {}): Promise<Record<string, unknown>> {
  const answer = await brokerRequestOrAbsent(broker, target, init);
  if (answer === undefined) throw new BrokerError(`the broker at ${broker.url} has no ${new URL(sameOrigin(broker, target)).pathname} (HTTP 404)`);
  return answer;
}

/** As brokerRequest, undefined when the broker answers 404 (a pacticipant or version it does not know). */
export async function brokerRequestOrAbsent(broker: Broker, target: string, init: { method?: string; body?: unknown } = {}): Promise<Record<string, unknown> | undefined> {
  const url = sameOrigin(broker, target);
  const header = authorization(broker.auth);
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method ?? 'GET',
      headers: { accept: 'application/hal+json, application/json', ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...(header ? { authorization: header } : {}) },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      redirect: 'manual',
      signal: AbortSignal.timeout(broker.timeoutMs),
    });
  } catch (error) {
    throw new BrokerError(`cannot reach the broker at ${broker.url}: ${networkReason(error, broker.timeoutMs)}`);
  }
  const text = await response.text().catch(() => '');
  if (response.status === 404) return undefined;
  // A broker may echo the request's Authorization header in its error body: masked in every spelling.
  if (response.status >= 300) throw new BrokerError(masked(broker, refusal(broker, url, response, text)));
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new BrokerError(`the broker at ${broker.url} answered ${url} with HTTP ${response.status} but no JSON: is --broker-url a Pact Broker?`);
  }
}

/** Asks for the broker's index: it answers, takes the credential, and is a Pact Broker. */
export async function checkBroker(broker: Broker): Promise<void> {
  const index = await brokerRequest(broker, '/');
  if (typeof index._links !== 'object' || index._links === null) throw new BrokerError(`${broker.url} answered, but not as a Pact Broker (its index has no _links)`);
}

function refusal(broker: Broker, url: string, response: Response, text: string): string {
  const status = response.status;
  const said = brokerMessage(text);
  if (status >= 300 && status < 400) {
    const location = response.headers.get('location');
    return `the broker at ${broker.url} answered HTTP ${status}${location ? ` (to ${location})` : ''}: redirects are not followed (the credential would go along); give the broker's own URL as --broker-url`;
  }
  if (status === 401 || status === 403) return `the broker at ${broker.url} refused the credentials (HTTP ${status})${said ? `: ${said}` : ''}: check PACT_BROKER_TOKEN, or PACT_BROKER_USERNAME and PACT_BROKER_PASSWORD`;
  // Rack's basic auth answers 400 to any other scheme: an open-source broker with a bearer token.
  if (status === 400 && broker.auth.token && !said) return `the broker at ${broker.url} answered HTTP 400 to the bearer token: an open-source Pact Broker takes basic auth (PACT_BROKER_USERNAME and PACT_BROKER_PASSWORD); PACT_BROKER_TOKEN is for PactFlow`;
  if (status >= 500) return `the broker at ${broker.url} failed (HTTP ${status})${said ? `: ${said}` : ''}; try again later`;
  return `the broker at ${broker.url} answered ${new URL(url).pathname} with HTTP ${status}${said ? `: ${said}` : ''}`;
}

/** The broker's own words from an error body (`{"errors": {...}}`, `{"error": {"message"}}`), on one line. */
export function brokerMessage(text: string): string | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  const words = (value: unknown): string[] =>
    typeof value === 'string' ? [value] : Array.isArray(value) ? value.flatMap(words) : typeof value === 'object' && value !== null ? Object.values(value).flatMap(words) : [];
  const record = body as { errors?: unknown; error?: unknown; message?: unknown } | null;
  const found = words(record?.errors ?? record?.error ?? record?.message);
  return found.length > 0 ? found.join('; ').replace(/\s+/g, ' ').slice(0, 500) : undefined;
}

function masked(broker: Broker, text: string): string {
  const header = authorization(broker.auth);
  return new Redactor().add(broker.auth.token, header, header?.replace(/^\S+ /, '')).addBasicAuth(broker.auth.username, broker.auth.password).text(text);
}

function sameOrigin(broker: Broker, target: string): string {
  const base = new URL(broker.url);
  const url = new URL(target.startsWith('/') ? `${broker.url}${target === '/' ? '/' : target}` : target);
  if (url.origin !== base.origin) throw new BrokerError(`the broker links to ${url.origin}, not to ${base.origin}: the credential goes to --broker-url's origin only (set --broker-url to the broker's public URL)`);
  return url.href;
}

/** A HAL link's href (the first of a list), expanded with the given template values. */
export function link(resource: Record<string, unknown>, relation: string, values: Record<string, string> = {}): string | undefined {
  const links = resource._links as Record<string, { href?: unknown } | { href?: unknown }[]> | undefined;
  const found = links?.[relation];
  const href = (Array.isArray(found) ? found[0] : found)?.href;
  if (typeof href !== 'string') return undefined;
  return href.replace(/\{(\w+)\}/g, (whole, name: string) => (values[name] === undefined ? whole : encodeURIComponent(values[name]!)));
}
