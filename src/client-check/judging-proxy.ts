/**
 * A loopback proxy between a user's client and the Pact mock server (check-client's contract
 * scenarios). The mock server matches paths, header values and query strings literally, and
 * answers a mismatch with a bare 500. A client is judged by meaning instead (src/http/equivalence.ts):
 * the proxy records the raw request, lets the scenario's judge name every deviation, and forwards
 * only a conforming request, rewritten to the contract's canonical spelling (path encoding, media
 * type and auth scheme case, documented defaults), so that the mock server checks what is left:
 * method, body and the interaction itself. A deviating request never reaches the mock server.
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import { listenOnLoopback, onRequest, type RecordedRequest } from './recorder.js';

export interface RequestJudgement {
  readonly errors: readonly string[];
  readonly warnings: readonly string[];
}

export interface ProxyRoute {
  /** The mock server's origin. */
  readonly target: string;
  /** The canonical request target (path and query) the contract holds. */
  readonly canonicalTarget: string;
  /** Header values to send instead of the client's (canonical spelling), by lower-case name. */
  readonly canonicalHeaders: (request: RecordedRequest) => Readonly<Record<string, string>>;
  /**
   * The contract's body. Forwarded instead of the client's once the judge found no error, so that
   * what is only beyond the docs (an undocumented field: a warning) does not fail the mock server.
   */
  readonly canonicalBody: string;
  readonly judge: (request: RecordedRequest) => RequestJudgement;
}

export class JudgingProxy {
  private server?: Server;
  private route?: ProxyRoute;
  private requests: RecordedRequest[] = [];
  private errors: string[] = [];
  private warnings: string[] = [];
  origin = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) =>
      onRequest(req, (recorded) => {
        this.requests.push(recorded);
        const route = this.route;
        if (!route) return answer(res, 500, { error: 'destconf: no interaction is armed' });
        if (this.requests.length > 1) {
          this.errors.push(`the client sent ${this.requests.length} requests for one call (expected exactly one)`);
          return answer(res, 500, { error: 'destconf: more than one request for one call' });
        }
        const judgement = route.judge(recorded);
        this.errors.push(...judgement.errors);
        this.warnings.push(...judgement.warnings);
        if (judgement.errors.length > 0) return answer(res, 500, { error: `destconf: the request deviates from the contract: ${judgement.errors.join('; ')}` });
        forward(route, recorded, res);
      }),
    );
    this.origin = await listenOnLoopback(this.server);
  }

  /** Route the next call to an interaction's mock server; forget what the last call did. */
  arm(route: ProxyRoute): void {
    this.route = route;
    this.requests = [];
    this.errors = [];
    this.warnings = [];
  }

  get judgement(): RequestJudgement & { readonly requests: number } {
    return { errors: [...new Set(this.errors)], warnings: [...new Set(this.warnings)], requests: this.requests.length };
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}

const HOP_BY_HOP = new Set(['host', 'connection', 'keep-alive', 'transfer-encoding', 'content-length', 'te', 'trailer', 'upgrade', 'proxy-connection']);

function forward(route: ProxyRoute, recorded: RecordedRequest, res: import('node:http').ServerResponse): void {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(recorded.headers as IncomingHttpHeaders)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
  }
  Object.assign(headers, route.canonicalHeaders(recorded));
  const body = Buffer.from(route.canonicalBody, 'utf8');
  headers['content-length'] = String(body.length);
  const upstream = httpRequest(`${route.target}${route.canonicalTarget}`, { method: recorded.method, headers }, (answerFromMock) => {
    const out: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(answerFromMock.headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
    res.writeHead(answerFromMock.statusCode ?? 502, out);
    answerFromMock.pipe(res);
  });
  upstream.on('error', (error) => answer(res, 502, { error: `destconf: the Pact mock server could not be reached: ${error.message}` }));
  upstream.end(body);
}

function answer(res: import('node:http').ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return void res.destroy();
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
