/**
 * A loopback proxy in front of a provider for the Pact replay: the verifier (a child process, the
 * Rust core) talks to it, it forwards every request to the configured origin only, and hands each
 * answer to the laws, so that the replay's answers are judged like the probes' (a law holds on
 * every answer the run receives). It also puts the credential into each request (the verifier's
 * process never holds it) and answers the core's provider-state calls, at a path of its own.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenOnLoopback } from '../client-check/recorder.js';
import { answerOf, type ProbeResponse } from '../../suites/provider/answers.js';
import type { ReplayHooks } from './pact-verification.js';

export interface ObservedRequest {
  readonly method: string;
  /** The full URL the request went to, at the provider. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Hop-by-hop headers (RFC 9110 §7.6.1) and those fetch recomputes: not forwarded either way. */
const NOT_FORWARDED = new Set(['host', 'connection', 'keep-alive', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'proxy-connection', 'content-length', 'content-encoding']);

export interface ObservingProxy {
  /** The provider's base URL, through the proxy. */
  readonly baseUrl: string;
  /** Where the verifier asks for provider states. */
  readonly stateUrl: string;
  close(): Promise<void>;
}

/**
 * The most requests, each within the run's timeout, that one answer to the verifier may wait for: the forwarded
 * request and the read-back after a refusal (at most three reads). The verifier's own timeout is this many
 * timeouts, so that a read-back never makes a slow but legal provider's interaction time out; a provider that does
 * not answer is still seen after one timeout (the forwarded request's).
 */
export const REQUESTS_PER_PROXIED_ANSWER = 4;

/** Told each answer before the verifier gets it; a promise it returns holds the answer back until it settles (a read-back after a refusal). */
export type Observer = (request: ObservedRequest, answer: ProbeResponse) => void | Promise<void>;

export async function observingProxy(providerBaseUrl: string, timeoutMs: number, hooks: ReplayHooks, observe: Observer): Promise<ObservingProxy> {
  const provider = new URL(providerBaseUrl);
  // Random: no provider path can be taken for it.
  const statePath = `/_destconf-provider-state-${randomBytes(8).toString('hex')}`;
  const server = createServer((req, res) => {
    if (req.url === statePath) return void answerProviderState(req, res, hooks);
    void forward(req).then(
      async ({ request, response, text }) => {
        const headers: Record<string, string> = {};
        response.headers.forEach((value, name) => {
          if (!NOT_FORWARDED.has(name)) headers[name] = value;
        });
        await Promise.resolve(observe(request, answerOf(response.status, text, Object.entries(headers).map(([n, v]) => `${n}: ${v}`).join('\n')))).catch(() => undefined);
        res.writeHead(response.status, { ...headers, 'content-length': Buffer.byteLength(text) });
        res.end(text);
      },
      () => {
        // The provider did not answer: the verifier sees the connection fail, as it would without the proxy.
        res.destroy();
      },
    );
  });
  const forward = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) if (value !== undefined && !NOT_FORWARDED.has(name)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    hooks.authorize(headers);
    // Only ever the configured origin: the request target is a path, resolved against it.
    const url = `${provider.origin}${req.url ?? '/'}`;
    const method = req.method ?? 'GET';
    const response = await fetch(url, { method, headers, ...(body && method !== 'GET' && method !== 'HEAD' ? { body } : {}), redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    const text = await response.text();
    return { request: { method, url, headers, body }, response, text };
  };
  // The provider's path prefix stays in the URL the verifier is given, so its requests carry it.
  const origin = await listenOnLoopback(server);
  server.keepAliveTimeout = 120_000;
  return {
    baseUrl: `${origin}${provider.pathname.replace(/\/+$/, '')}`,
    stateUrl: `${origin}${statePath}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}


/** The core's provider-state call: a JSON body `{ state, params, action }`; the answer's values feed its generators. */
async function answerProviderState(req: IncomingMessage, res: ServerResponse, hooks: ReplayHooks): Promise<void> {
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const values = await hooks.providerState(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Parameters<ReplayHooks['providerState']>[0]);
    const text = JSON.stringify(values);
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  } catch (error) {
    // The core then fails the interaction, naming the state change.
    const text = (error as Error).message;
    res.writeHead(500, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  }
}
