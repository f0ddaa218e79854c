/**
 * Runs a vendor's consumer contract on the official Pact core: each interaction is registered
 * with PactV4 (its HTTP DSL: ./consumer-pact.ts), the client under test is driven against the Pact mock server, and the pact file is
 * written when every interaction passes. Used by the contract tests, `destconf contracts`, and
 * `destconf check-client` (with literal paths: a provider-state path matches any path).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
// The matchers alone, and the V4 HTTP DSL (./consumer-pact.ts): the package root loads every DSL (0.6 s a process).
import * as MatchersV3 from '@pact-foundation/pact/src/v3/matchers.js';
import { HttpPactV4 } from './consumer-pact.js';
import { HTTPResponseStatusClass } from '@pact-foundation/pact/src/v3/types.js';
import type { JudgingProxy, RequestJudgement } from '../client-check/judging-proxy.js';
import type { RecordedRequest } from '../client-check/recorder.js';
import { captureOutput } from '../client-check/capture-output.js';
import { setLogLevel } from '@pact-foundation/pact-core/src/logger/index.js';
import { expandPath } from '../builders/index.js';
import { deepEqual } from '../semantics/json.js';
import type { VendorDefinition, VendorModule } from '../vendors/types.js';
import { consumerName, pactFileName } from './index.js';
import { freshPort } from './ports.js';
import { responseMatchers } from './matchers.js';
import type { ContractInteraction } from './types.js';
import { credentialsFor, inputOf, PLACEHOLDERS, type ClientFactory, type InteractionOutcome } from './client.js';

export type { ClientConfig, ClientFactory, DestinationClient, InteractionOutcome } from './client.js';

/**
 * check-client: requests go through a judging proxy (src/client-check/judging-proxy.ts) that
 * judges them by meaning and hands the mock server their canonical spelling.
 */
export interface ContractFront {
  readonly proxy: JudgingProxy;
  /** The path prefix of the base URL the client is given (the proxy strips it). */
  readonly basePath: string;
  readonly judge: (vendor: VendorDefinition, input: Record<string, unknown> & { body: unknown }, credentials: Readonly<Record<string, string>>) => (request: RecordedRequest) => RequestJudgement;
}

export interface ContractRunOptions {
  readonly pactDir: string;
  readonly consumer?: string;
  /** Exact paths instead of provider-state paths (which the mock server matches loosely). */
  readonly literalPaths?: boolean;
  /** The secret the client is given; random by default so that a leak can be searched for. */
  readonly secret?: string;
  readonly timeoutMs?: number;
  readonly front?: ContractFront;
  /** Run only the interactions whose description this accepts (check-client --only). */
  readonly select?: (description: string) => boolean;
  /** Told what the client printed during each call (check-client looks for the credential there). */
  readonly onClientOutput?: (text: string) => void;
}

/** Media types are case-insensitive and may carry parameters (RFC 9110 §8.3.1); Pact's core runs Rust regexes. */
export const JSON_CONTENT_TYPE = MatchersV3.regex('(?i)^application/json[ \\t]*(;.*)?$', 'application/json');

export async function runConsumerContract(module: VendorModule, factory: ClientFactory, options: ContractRunOptions): Promise<InteractionOutcome[]> {
  const vendor = module.definition;
  const consumer = options.consumer ?? consumerName();
  mkdirSync(options.pactDir, { recursive: true });
  // Pact files merge: start from nothing so renamed or removed interactions do not linger.
  rmSync(join(options.pactDir, pactFileName(consumer, vendor.providerName)), { force: true });
  const pact = silenced(new HttpPactV4({ consumer, provider: vendor.providerName, dir: options.pactDir, logLevel: 'error' }));
  const secret = options.secret ?? `contract-secret-${randomUUID()}`;
  // Well-formed like a real one (a token of the same length), sharing nothing with the valid one.
  const wrongSecret = `wrong-${randomBytes(32).toString('hex')}`.slice(0, Math.max(secret.length, 16));
  const outcomes: InteractionOutcome[] = [];
  for (const interaction of module.contract().interactions) {
    if (options.select && !options.select(interaction.description)) continue;
    outcomes.push(await runInteraction(pact, vendor, interaction, factory, { ...options, secret, wrongSecret }));
  }
  return outcomes;
}

async function runInteraction(
  pact: HttpPactV4,
  vendor: VendorDefinition,
  interaction: ContractInteraction,
  factory: ClientFactory,
  options: ContractRunOptions & { secret: string; wrongSecret: string },
): Promise<InteractionOutcome> {
  const started = performance.now();
  const input = inputOf(vendor, interaction);
  const credentials = credentialsFor(vendor, interaction.credentials === 'valid' ? options.secret : options.wrongSecret);
  const matchers = interaction.response === undefined ? undefined : responseMatchers(vendor.schemas.response, interaction.response);
  const expectedBody = matchers === undefined ? undefined : MatchersV3.reify(matchers);
  const front = options.front;
  const outcome = (passed: boolean, message?: string, actual?: unknown): InteractionOutcome => ({
    vendor: vendor.id,
    description: interaction.description,
    passed,
    ...(message ? { message } : {}),
    ...(front && front.proxy.judgement.warnings.length > 0 ? { warnings: front.proxy.judgement.warnings } : {}),
    expected: interaction.status < 300 ? { status: interaction.status, body: expectedBody } : { status: interaction.status, rejects: true },
    ...(actual === undefined ? {} : { actual: withoutMockDump(actual) }),
    durationMs: Math.round(performance.now() - started),
  });
  let observed: unknown;
  try {
    // pact-js reads the port option when each test starts its mock server.
    (pact as unknown as { opts: { port?: number } }).opts.port = await freshPort();
    await pact
      .addInteraction()
      .given(interaction.state, interaction.params)
      .uponReceiving(interaction.description)
      .withRequest(vendor.method, requestPath(vendor, interaction, options.literalPaths ?? false), (request) => {
        request.headers(requestHeaders(vendor, interaction));
        if (interaction.query) request.query(Object.fromEntries(Object.entries(interaction.query).map(([k, v]): [string, string] => [k, String(v)])));
        request.jsonBody(interaction.body);
      })
      .willRespondWith(statusOf(interaction), (response) => {
        // Error answers: no page documents their body or media type, so neither is pinned.
        if (matchers === undefined) return;
        response.headers({ 'Content-Type': JSON_CONTENT_TYPE });
        response.jsonBody(matchers);
      })
      .executeTest(async (mock) => {
        let baseUrl = mock.url;
        if (front) {
          front.proxy.arm(routeFor(vendor, interaction, input, credentials, mock.url, front));
          baseUrl = `${front.proxy.origin}${front.basePath}`;
        }
        const client = factory({ baseUrl, credentials });
        // A private copy: a client that mutates its input cannot move what it is judged against.
        const output = options.onClientOutput ? captureOutput() : undefined;
        try {
          observed = await settle(Promise.resolve().then(() => client.updateDestination(structuredClone(input))), options.timeoutMs ?? 5000);
        } finally {
          if (output) options.onClientOutput!(output.stop());
        }
        const deviations = front?.proxy.judgement;
        // The real cause first: what the request got wrong, not the mock server's 500.
        if (deviations && deviations.errors.length > 0) throw new ContractMismatch(deviations.errors.join('; '));
        if (deviations && deviations.requests === 0 && !('timedOut' in (observed as Settled))) throw new ContractMismatch(`the client sent no request (it ${describe(observed as Settled)})`);
        await mockServerSettled(pact, mock.port);
        const problem = judge(interaction, observed, expectedBody);
        if (problem) throw new ContractMismatch(problem);
      });
    return outcome(true, undefined, observed);
  } catch (error) {
    return outcome(false, mismatchMessage(error, [options.secret, options.wrongSecret]), observed);
  }
}

function statusOf(interaction: ContractInteraction): number | ReturnType<typeof MatchersV3.matchStatus> {
  const { status, statuses } = interaction;
  if (statuses === undefined) return status;
  return MatchersV3.matchStatus(status, statuses === 'clientError' ? HTTPResponseStatusClass.ClientError : [...statuses]);
}

/** The route of one call through the judging proxy: judged by meaning, forwarded canonically. */
function routeFor(
  vendor: VendorDefinition,
  interaction: ContractInteraction,
  input: Record<string, unknown> & { body: unknown },
  credentials: Record<string, string>,
  target: string,
  front: ContractFront,
) {
  const path = requestPath(vendor, interaction, true) as string;
  const query = interaction.query ? `?${new URLSearchParams(Object.entries(interaction.query).map(([k, v]): [string, string] => [k, String(v)])).toString()}` : '';
  const secret = credentials[vendor.auth.credential]!;
  return {
    target,
    canonicalTarget: `${path}${query}`,
    canonicalBody: JSON.stringify(interaction.body),
    canonicalHeaders: () => ({ 'content-type': 'application/json', [vendor.auth.header]: vendor.auth.kind === 'bearer' ? `Bearer ${secret}` : secret }),
    judge: front.judge(vendor, input, credentials),
  };
}

function describe(settled: Settled): string {
  if ('timedOut' in settled) return 'did not settle';
  if ('resolved' in settled) return 'resolved';
  return `rejected: ${settled.rejected.message}`;
}

/**
 * pact-js logs a mismatched request, credentials included, on stdout, and re-applies its
 * `logLevel` option after every test. Constructed with 'error' (which the Rust core's one-time
 * initialisation takes), it then gets pino's 'silent' for its JavaScript logger; mismatches are
 * reported, masked, in the outcomes instead.
 */
function silenced(pact: HttpPactV4): HttpPactV4 {
  (pact as unknown as { opts: { logLevel: string } }).opts.logLevel = 'silent';
  setLogLevel('silent' as 'error');
  return pact;
}

/** The adapter input of an interaction (DESIGN.md, "Client adapter"). */
/** A rejection by the mock server carries a dump of the whole request: show its status only. */
function withoutMockDump(actual: unknown): unknown {
  const rejected = (actual as { rejected?: { status?: unknown; body?: unknown } }).rejected;
  return rejected && unexpectedRequest(rejected.body) ? { rejected: { status: rejected.status, body: '(the mock server\'s Unexpected-Request dump)' } } : actual;
}

function requestPath(vendor: VendorDefinition, interaction: ContractInteraction, literal: boolean): string | ReturnType<typeof MatchersV3.fromProviderState<string>> {
  const names = Object.fromEntries(vendor.pathParameters.map((p) => [p.name, p.inputKey]));
  const example = expandPath(vendor, Object.fromEntries(vendor.pathParameters.map((p) => [p.name, interaction.params[p.inputKey]!])));
  if (literal) return example;
  const expression = vendor.pathTemplate.replace(/\{(\w+)\}/g, (_, name: string) => `\${${names[name]}}`);
  return MatchersV3.fromProviderState(expression, example);
}

function requestHeaders(vendor: VendorDefinition, interaction: ContractInteraction): Record<string, ReturnType<typeof MatchersV3.regex>> {
  const headers: Record<string, ReturnType<typeof MatchersV3.regex>> = { 'Content-Type': JSON_CONTENT_TYPE };
  const placeholder = PLACEHOLDERS[interaction.credentials];
  // Regex matchers with placeholder examples: no credential ever reaches a pact file. The auth
  // scheme is case-insensitive (RFC 9110 §11.1).
  headers[vendor.auth.kind === 'bearer' ? 'Authorization' : vendor.auth.headerDisplay] =
    vendor.auth.kind === 'bearer' ? MatchersV3.regex('(?i)^bearer +\\S+$', `Bearer ${placeholder.token}`) : MatchersV3.regex('^\\S+$', placeholder.apiKey);
  return headers;
}


type Settled = { resolved: unknown } | { rejected: { message: string; status?: unknown; body?: unknown } } | { timedOut: number };

async function settle(promise: Promise<unknown>, timeoutMs: number): Promise<Settled> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Settled>((resolve) => {
    timer = setTimeout(() => resolve({ timedOut: timeoutMs }), timeoutMs);
  });
  try {
    return await Promise.race([
      Promise.resolve(promise).then(
        (resolved): Settled => ({ resolved }),
        (error: unknown): Settled => {
          const e = (error ?? {}) as { message?: unknown; status?: unknown; body?: unknown };
          return { rejected: { message: String(e.message ?? error), status: e.status, body: e.body } };
        },
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Why the client's outcome breaks the interaction, or undefined. */
function judge(interaction: ContractInteraction, observed: unknown, expectedBody: unknown): string | undefined {
  const settled = observed as Settled;
  if ('timedOut' in settled) return `the client did not settle within ${settled.timedOut} ms`;
  if ('rejected' in settled) {
    const unexpected = unexpectedRequest(settled.rejected.body);
    if (settled.rejected.status === 500 && unexpected) return `the request does not match the contract (the Pact mock server did not expect ${unexpected})`;
  }
  if (interaction.status < 300) {
    if ('rejected' in settled) return `expected the client to resolve with the ${interaction.status} body, but it rejected: ${settled.rejected.message}`;
    if (!deepEqual(settled.resolved, expectedBody)) return 'the client resolved with a body different from the one the provider sent';
    return undefined;
  }
  if ('resolved' in settled) return `expected the client to reject on HTTP ${interaction.status}, but it resolved`;
  if (settled.rejected.status !== interaction.status) {
    return `expected the rejection to carry status ${interaction.status}, got ${JSON.stringify(settled.rejected.status)}`;
  }
  return undefined;
}

class ContractMismatch extends Error {}

/**
 * The mock server answers a request before it records the match, and pact-js asks for the result
 * as soon as the test returns: under load it can see "expected but not received" for a request
 * that was answered. Wait (briefly, bounded) until the mock server says every interaction matched.
 */
async function mockServerSettled(pact: HttpPactV4, port: number): Promise<void> {
  const core = (pact as unknown as { pact?: { mockServerMatchedSuccessfully?: (port: number) => boolean } }).pact;
  if (typeof core?.mockServerMatchedSuccessfully !== 'function') return;
  for (let waited = 0; waited < 500 && !core.mockServerMatchedSuccessfully(port); waited += 5) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The mock server answers an unmatched request with 500 and a dump of it: keep method and path. */
function unexpectedRequest(body: unknown): string | undefined {
  const text = typeof body === 'object' && body !== null ? String((body as { error?: unknown }).error ?? '') : String(body ?? '');
  if (!text.startsWith('Unexpected-Request')) return undefined;
  const method = /method: "(\w+)"/.exec(text)?.[1] ?? '?';
  const path = /path: "([^"]*)"/.exec(text)?.[1] ?? '?';
  return `${method} ${path}`;
}

function mismatchMessage(error: unknown, secrets: readonly string[]): string {
  const text = error instanceof ContractMismatch ? error.message : `the request does not match the contract: ${mockServerSummary((error as Error).message)}`;
  return secrets.reduce((masked, secret) => masked.split(secret).join('***'), text);
}

/** The mock server's mismatch report without its header and body dumps. */
function mockServerSummary(report: string): string {
  const lines = report.split('\n').map((l) => l.trim());
  const kept = lines.filter((l) => /not expected|expected but not received|^Method:|^Path:|^Expected|^Actual|mismatch/i.test(l) && !/^Test failed|^Mock server failed/.test(l));
  return (kept.length > 0 ? kept : lines.slice(0, 1)).join(' ').replace(/\s+/g, ' ');
}
