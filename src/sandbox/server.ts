/**
 * The reference sandbox: one HTTP server implementing the five update endpoints as their pages
 * describe them, each under `/<vendor>`, with in-memory state seeded from the doc examples.
 * Every response is validated against the response schema before it is sent, so a sandbox bug
 * cannot hide behind a passing verification.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { validate } from '../validate/index.js';
import type { VendorId, VendorModule } from '../vendors/types.js';
import type { PathParams, SandboxFaults, SandboxOverrides, SandboxVendor, State } from './types.js';
import { handleProviderState, PROVIDER_STATES_PATH } from './provider-states.js';

export const MAX_BODY_BYTES = 1024 * 1024;

export interface SandboxOptions {
  /** The vendors it plays, each under `/<id>` (the run's catalogue). */
  readonly vendors: readonly VendorModule[];
  readonly port?: number;
  readonly host?: string;
  readonly faults?: SandboxFaults;
  /** Replace steps of a vendor's behaviour (mutant providers in tests). */
  readonly overrides?: SandboxOverrides;
  /** Validate responses before sending (on unless a mutant must send invalid ones). */
  readonly selfCheck?: boolean;
  /** Clock for update timestamps; defaults to the wall clock, kept strictly increasing. */
  readonly now?: () => Date;
  /** Told of every update request (benchmarks count them). */
  readonly onRequest?: (vendor: VendorId, method: string, path: string) => void;
}

export interface Sandbox {
  /** Origin, e.g. `http://127.0.0.1:4010`; a vendor lives under `${url}/${vendor}`. */
  readonly url: string;
  readonly store: SandboxStore;
  close(): Promise<void>;
}

export class SandboxStore {
  private readonly destinations = new Map<VendorId, Map<string, State>>();
  constructor(private readonly vendors: Readonly<Record<VendorId, SandboxVendor>>) {
    this.reset();
  }
  reset(): void {
    for (const [id, behaviour] of Object.entries(this.vendors) as [VendorId, SandboxVendor][]) {
      const table = new Map<string, State>();
      for (const { params, state } of behaviour.seed()) table.set(behaviour.keyOf(params)!, state);
      this.destinations.set(id, table);
    }
  }
  get(vendor: VendorId, key: string): State | undefined {
    return this.destinations.get(vendor)!.get(key);
  }
  set(vendor: VendorId, key: string, state: State): void {
    this.destinations.get(vendor)!.set(key, state);
  }
  delete(vendor: VendorId, key: string): void {
    this.destinations.get(vendor)!.delete(key);
  }
  size(vendor: VendorId): number {
    return this.destinations.get(vendor)!.size;
  }
}

export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const vendors = withOverrides(options.vendors, options.overrides ?? {});
  const store = new SandboxStore(vendors);
  const clock = monotonicClock(options.now ?? (() => new Date()));
  const context: Context = { vendors, paths: options.vendors.map(({ definition: v }) => `/${v.id}${v.pathTemplate}`), store, clock, faults: options.faults ?? {}, selfCheck: options.selfCheck ?? true, onRequest: options.onRequest };
  const server = createServer((req, res) => {
    handle(context, req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: 'sandbox error', message: (error as Error).message });
      else res.destroy();
    });
  });
  // Announced as `Keep-Alive: timeout=10`: undici (Node's fetch) drops a connection whose announced
  // timeout is within 2 s (its keepAliveTimeoutThreshold), so a short one made every request a new connection.
  server.keepAliveTimeout = 10_000;
  await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
  const { port, address } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}`,
    store,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

interface Context {
  readonly vendors: Readonly<Record<VendorId, SandboxVendor>>;
  /** What the index shows: each vendor's documented path under its prefix. */
  readonly paths: readonly string[];
  readonly store: SandboxStore;
  readonly clock: () => string;
  readonly faults: SandboxFaults;
  readonly selfCheck: boolean;
  readonly onRequest: SandboxOptions['onRequest'];
}

function withOverrides(modules: readonly VendorModule[], overrides: SandboxOverrides): Record<VendorId, SandboxVendor> {
  return Object.fromEntries(
    modules.map(({ definition, sandbox }) => [definition.id, { ...sandbox, ...(overrides[definition.id] ?? {}) }]),
  ) as Record<VendorId, SandboxVendor>;
}

async function handle(context: Context, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
  if (url.pathname === PROVIDER_STATES_PATH) return handleProviderState(context, req, res);
  if (url.pathname === '/' || url.pathname === '/health') {
    return sendJson(res, 200, { service: 'destconf reference sandbox', vendors: context.paths });
  }
  const [, vendorId = '', ...rest] = url.pathname.split('/');
  const behaviour = Object.hasOwn(context.vendors, vendorId) ? context.vendors[vendorId] : undefined;
  if (!behaviour) return sendJson(res, 404, { error: 'not found', message: `no vendor ${vendorId} here` });
  context.onRequest?.(vendorId, req.method ?? '', url.pathname);
  const params = matchPath(behaviour, `/${rest.join('/')}`);
  if (!params) return sendJson(res, 404, behaviour.errorBody(404, 'Not Found'), behaviour.errorMediaType);
  if (req.method !== behaviour.vendor.method) {
    res.setHeader('Allow', behaviour.vendor.method);
    return sendJson(res, 405, behaviour.errorBody(405, `Method ${req.method} not allowed; use ${behaviour.vendor.method}`), behaviour.errorMediaType);
  }
  await injectFaults(context.faults, res);
  if (res.destroyed) return;
  if (context.faults.status) return sendJson(res, context.faults.status, behaviour.errorBody(context.faults.status, 'injected fault'), behaviour.errorMediaType);
  await update(context, behaviour, params, url, req, res);
}

async function update(context: Context, behaviour: SandboxVendor, params: PathParams, url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { vendor } = behaviour;
  if (!behaviour.authenticate(req.headers)) return send(context, res, 401, behaviour.errorBody(401, 'Not authenticated'), behaviour.errorMediaType);
  if (!/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '')) {
    return send(context, res, 415, behaviour.errorBody(415, 'Content-Type must be application/json'), behaviour.errorMediaType);
  }
  const text = await readBody(req);
  if (text === undefined) return send(context, res, 413, behaviour.errorBody(413, `Body larger than ${MAX_BODY_BYTES} bytes`), behaviour.errorMediaType);
  const key = behaviour.keyOf(params);
  const state = key === undefined ? undefined : context.store.get(vendor.id, key);
  if (key === undefined || !state) return send(context, res, behaviour.notFoundStatus, behaviour.errorBody(behaviour.notFoundStatus, 'Destination not found'), behaviour.errorMediaType);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return send(context, res, behaviour.invalidBodyStatus, behaviour.errorBody(behaviour.invalidBodyStatus, 'Body is not valid JSON'), behaviour.errorMediaType);
  }
  const { query, issues: queryIssues } = behaviour.validateQuery(Object.fromEntries(url.searchParams));
  if (queryIssues.length > 0) return send(context, res, behaviour.invalidBodyStatus, behaviour.errorBody(behaviour.invalidBodyStatus, 'Invalid query parameters', queryIssues, 'query'), behaviour.errorMediaType);
  const issues = behaviour.validateBody(body, state);
  if (issues.length > 0) return send(context, res, behaviour.invalidBodyStatus, behaviour.errorBody(behaviour.invalidBodyStatus, 'Invalid request body', issues), behaviour.errorMediaType);
  const request = { body, query };
  const next = behaviour.semantics.apply(state, request, context.clock());
  context.store.set(vendor.id, key, next);
  const answer = behaviour.semantics.present(next, request);
  if (context.selfCheck) {
    const check = validate(vendor, 'response', answer);
    if (!check.valid) return sendJson(res, 500, { error: 'sandbox produced an invalid response', errors: check.errors.map((e) => e.message) });
  }
  return send(context, res, behaviour.successStatus, answer);
}

/** Decoded path parameters when `path` matches the vendor's documented template. */
function matchPath(behaviour: SandboxVendor, path: string): PathParams | undefined {
  const template = behaviour.vendor.pathTemplate.split('/');
  const segments = path.split('/');
  if (segments.length !== template.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < template.length; i++) {
    const name = /^\{(\w+)\}$/.exec(template[i]!)?.[1];
    if (!name) {
      if (segments[i] !== template[i]) return undefined;
      continue;
    }
    try {
      params[name] = decodeURIComponent(segments[i]!);
    } catch {
      return undefined;
    }
    if (params[name] === '') return undefined;
  }
  return params;
}

async function send(context: Context, res: ServerResponse, status: number, body: unknown, mediaType = 'application/json'): Promise<void> {
  const text = JSON.stringify(body);
  if (context.faults.truncate) {
    res.writeHead(status, { 'content-type': mediaType, 'content-length': Buffer.byteLength(text) });
    res.write(text.slice(0, Math.floor(text.length / 2)));
    res.destroy();
    return;
  }
  if (context.faults.dripMs) {
    res.writeHead(status, { 'content-type': mediaType });
    for (const char of text) {
      if (res.destroyed) return;
      res.write(char);
      await sleep(context.faults.dripMs);
    }
    res.end();
    return;
  }
  sendJson(res, status, body, mediaType);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, mediaType = 'application/json'): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': mediaType, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function injectFaults(faults: SandboxFaults, res: ServerResponse): Promise<void> {
  if (faults.latencyMs) await sleep(faults.latencyMs);
  if (faults.reset) res.socket?.destroy();
}

/** The body as text, or undefined past MAX_BODY_BYTES. */
export async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function monotonicClock(now: () => Date): () => string {
  let last = 0;
  return () => {
    // Truncated to whole seconds plus a counter would lose order; milliseconds kept increasing do not.
    last = Math.max(now().getTime(), last + 1);
    return new Date(last).toISOString();
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
