/**
 * A loopback HTTP server that records the request a client sends and answers with whatever the
 * scenario scripted. Driving a real client over real HTTP is what a user's CI does.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  readonly method: string;
  /** The raw request target: path (not decoded) and query. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface ScriptedResponse {
  readonly status: number;
  readonly body: unknown;
  /** Send this text as it is, under `contentType`, instead of `body` as JSON (error answers that are not JSON). */
  readonly raw?: { readonly text: string; readonly contentType?: string };
  /** Extra response headers (a redirect's Location). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** Reads a whole request as it arrived (raw target, headers, body as UTF-8 text), then calls `handle`. */
export function onRequest(req: IncomingMessage, handle: (recorded: RecordedRequest) => void): void {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => handle({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') }));
}

/** Listens on a free loopback port; resolves with the origin. */
export async function listenOnLoopback(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A request with the status it was answered with, and when it arrived (performance.now()). */
export interface AnsweredRequest extends RecordedRequest {
  readonly answered: number;
  readonly at: number;
}

export class Recorder {
  private server?: Server;
  private requests: RecordedRequest[] = [];
  /** Every request since the start, with its answer's status; `script` does not forget them (calls are judged on it). */
  private log: AnsweredRequest[] = [];
  private response: ScriptedResponse = { status: 200, body: {} };
  origin = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) =>
      onRequest(req, (recorded) => {
        this.requests.push(recorded);
        const { status, body, raw, headers } = this.response;
        this.log.push({ ...recorded, answered: status, at: performance.now() });
        const text = raw ? raw.text : JSON.stringify(body);
        const contentType = raw ? raw.contentType : 'application/json';
        res.writeHead(status, { ...headers, ...(contentType ? { 'content-type': contentType } : {}), 'content-length': Buffer.byteLength(text) });
        res.end(text);
      }),
    );
    // The client closes idle connections first: a server that closes them as a starved client
    // reuses one makes a correct client fail with "fetch failed" (keep-alive race).
    this.server.keepAliveTimeout = 120_000;
    this.origin = await listenOnLoopback(this.server);
  }

  /** Forget what was recorded and answer the next requests with `response`. */
  script(response: ScriptedResponse): void {
    this.requests = [];
    this.response = response;
  }

  get recorded(): readonly RecordedRequest[] {
    return this.requests;
  }

  /** Every request answered so far, in order (a call's requests are a slice of it). */
  get answered(): readonly AnsweredRequest[] {
    return this.log;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}
