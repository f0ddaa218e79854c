/** What a probe is, and the HTTP call it makes against a provider. */
import { randomBytes } from 'node:crypto';
import { deepEqual, withoutPointers } from '../../src/semantics/json.js';
import { drift, validate } from '../../src/validate/index.js';
import { isRecord, leafPointers, pointerGet, secretPointers } from '../../src/schemas/walk.js';
import { secretIn } from '../../src/util/secret-forms.js';
import { lawsFor, type LawResult, type RefusedValue, type ReplayChange } from './laws.js';
import type { RefusalMarker } from './refusal-markers.js';
import { answerOf, isSuccess, type ProbeResponse } from './answers.js';
import { page, security, type Evidence } from '../../src/schemas/evidence.js';
import { documentedExample } from '../../src/contracts/index.js';
import { networkReason } from '../../src/util/network.js';
import { shellQuote } from '../../src/report/types.js';
import { expandPath } from '../../src/builders/index.js';
import type { Redactor } from '../../src/util/redact.js';
import type { VendorDefinition, VendorModule } from '../../src/vendors/types.js';
import type { VerifyTarget } from '../../src/verify/targets.js';

export interface ProbeCall {
  readonly body: unknown;
  readonly query?: Readonly<Record<string, string>>;
  /** Leave the auth header out. */
  readonly withoutCredentials?: boolean;
  /** Send a well-formed credential that is not the configured one. */
  readonly wrongCredential?: boolean;
  /** Send the configured credential spelled almost right: its letters' case flipped, or one character changed. */
  readonly nearMiss?: 'case' | 'one-character';
  /** Other path parameters than the configured destination's (by adapter-input key). */
  readonly ids?: Readonly<Record<string, string>>;
  /** The restoring update and its read-back: still sent after halt() (an interrupt restores first). */
  readonly restoring?: boolean;
}

export type { ProbeResponse } from './answers.js';
export { LAWS, LAW_NAMES, type LawResult } from './laws.js';

export interface ProbeContext {
  /** The vendor's definition (`module.definition`), and the vendor itself: its semantics, contract and sandbox. */
  readonly vendor: VendorDefinition;
  readonly module: VendorModule;
  readonly target: VerifyTarget;
  readonly strict: boolean;
  call(request: ProbeCall): Promise<ProbeResponse>;
  /**
   * A random secret value, registered with the redactor so that no output shows it. On a live
   * destination without --allow-secret-writes it throws ProbeSkipped: sending it would overwrite a
   * stored secret, which no run can put back.
   */
  secret(): string;
  /** What the probes of a PUT vendor start from: the restore body of a live run, else the contract's example. */
  readonly baseBody: unknown;
  /** Why calls stopped after repeated network failures (later calls fail at once), or undefined. */
  gaveUp(): string | undefined;
  /** No further request is sent, except the restore's (an interrupt: the destination is put back, then the run ends). */
  halt(reason: string): void;
  /** Why a request with this body would not be sent to the destination (the Pact replay asks it of each interaction), or undefined. */
  writeRefusal(body: unknown): string | undefined;
  /** The secret fields (JSON pointers) that accepted requests to the configured destination wrote: no restore puts them back. */
  secretsWritten(): readonly string[];
  /** The last request sent, as a curl command with the credential masked. */
  lastCurl(): string | undefined;
  /**
   * Live runs: a check that says why a request must not be sent (the restore could not undo it).
   * Such a request throws ProbeSkipped with that reason instead of being sent.
   */
  limitWrites(check: (request: ProbeCall) => string | undefined): void;
  /**
   * An answer the Pact replay received (through src/verify/observing-proxy.ts): judged by the laws like the probes'
   * own. A refused update of a live destination is read back before the replay goes on (law 2): the promise.
   */
  observe(request: { readonly method: string; readonly url: string; readonly headers: Readonly<Record<string, string>>; readonly body: string }, answer: ProbeResponse): Promise<void>;
  /** The laws checked on every answer this context received, as results (src/verify emits them after the probes and the replay). */
  lawResults(): readonly LawResult[];
  /** A request carrying these marked values (./refusal-markers.ts) was refused: none may show up in a later 2xx answer. */
  refused(markers: readonly RefusalMarker[], what: string): void;
  /**
   * The state once more before the laws are judged, at least LAST_LOOK_MS after the last marked refusal
   * (a refusal applied late shows then), where the vendor has a no-op read and a refusal was marked.
   */
  lastLook(): Promise<void>;
  /**
   * The same after the Pact replay, against a live destination that refused one of its updates: LAST_LOOK_MS after
   * the replay's last answer, the state is read back and compared with the last one seen (a refusal applied late shows then).
   */
  lastLookAfterReplay(): Promise<void>;
}

/** How long after the last marked refusal the last look reads the state. */
export const LAST_LOOK_MS = 1000;

/** Resolves LAST_LOOK_MS after `at` (a performance.now() instant), at once if that has passed. */
function lookingAfter(at: number): Promise<void> {
  const wait = at + LAST_LOOK_MS - performance.now();
  return wait > 0 ? new Promise((resolve) => setTimeout(resolve, wait)) : Promise.resolve();
}

/** A probe that must not run here, with the reason (reported as skipped, never as passed). */
export class ProbeSkipped extends Error {}

export interface ProbeVerdict {
  /** `warning`: beyond the docs (fails under --strict); `skipped`: could not be judged, with the reason. */
  readonly status: 'passed' | 'warning' | 'failed' | 'skipped';
  readonly message?: string;
  readonly expected?: unknown;
  readonly actual?: unknown;
  readonly drift?: readonly { readonly path: string; readonly message: string }[];
}

export interface Probe {
  readonly name: string;
  /** Where the rule the probe checks comes from; the severity of its finding follows. */
  readonly evidence: Evidence;
  run(context: ProbeContext): Promise<ProbeVerdict>;
}

export interface ProbeOptions {
  readonly strict: boolean;
  readonly timeoutMs: number;
  readonly redactor: Redactor;
  /** Probes may send secrets to a live destination (a throwaway one). */
  readonly allowSecretWrites?: boolean;
}

export function probeContext(target: VerifyTarget, options: ProbeOptions): ProbeContext {
  const { module } = target;
  const vendor = module.definition;
  const wrongCredential = `destconfwrong${randomBytes(16).toString('hex')}`;
  const nearMisses = nearMissesOf(target.credential);
  // An almost-right credential is the credential to whoever reads it: masked like it, everywhere.
  const masked = [target.credential, wrongCredential, ...Object.values(nearMisses).filter((v): v is string => v !== undefined)];
  options.redactor.add(...masked.slice(2));
  // After this many network failures in a row, the provider is not asked again: one timeout per
  // check in a row would make a hung provider take minutes to judge.
  const GIVE_UP_AFTER = 2;
  let failuresInARow = 0;
  let gaveUpWith: string | undefined;
  let lastCurl: string | undefined;
  let writeLimit: ((request: ProbeCall) => string | undefined) | undefined;
  let halted: string | undefined;
  const secretsWritten = new Set<string>();
  const noteSecretWrites = (body: unknown, status: number, own: boolean) => {
    if (!own || status < 200 || status >= 300) return;
    for (const pointer of secretsWrittenBy(module, body)) secretsWritten.add(pointer);
  };
  /**
   * A stored secret cannot be read back, so its overwrite cannot be undone: a live destination gets no secret
   * value at all (not even one a field mask should ignore: whether it does is what is being tested). A body
   * that carries secrets loses them when it stays as valid without them; otherwise it is not sent.
   */
  const withoutSecrets = (request: ProbeCall): ProbeCall => {
    if (request.restoring || request.ids !== undefined || mayWriteSecrets(target, options)) return request;
    if (secretsWrittenBy(module, request.body).length > 0) throw new ProbeSkipped(SECRET_WRITE_SKIPPED);
    const carried = secretPointers(vendor.schemas.request, request.body, vendor.isSecretOpenKey);
    if (carried.length === 0) return request;
    const body = withoutPointers(request.body, carried);
    if (validate(vendor, 'request', body).valid !== validate(vendor, 'request', request.body).valid) throw new ProbeSkipped(SECRET_WRITE_SKIPPED);
    return { ...request, body };
  };
  const planted: string[] = [];
  const configuredParams = Object.fromEntries(vendor.pathParameters.map((p) => [p.name, target.ids[p.inputKey]!]));
  const configuredPath = decoded(new URL(`${target.baseUrl}${expandPath(vendor, configuredParams)}`).pathname);
  const refusedValues: RefusedValue[] = [];
  const replayChanges: ReplayChange[] = [];
  let lastRefusalAt: number | undefined;
  /** The last 2xx answer about the configured destination: the state a refusal must leave as it is. */
  let lastOwnSuccess: ProbeResponse | undefined;
  /** The Pact replay's last refused update of a live destination: when it was answered, and what it asked for. */
  let lastReplayRefusal: { body: unknown; curl: string; answer: ProbeResponse } | undefined;
  /** When the Pact replay's last answer came: the late look waits LAST_LOOK_MS from there. */
  let lastReplayAnswerAt = 0;
  const laws = lawsFor(vendor, { credential: target.credential, planted }, { values: refusedValues, replayChanges });
  const context: ProbeContext = {
    gaveUp: () => gaveUpWith,
    halt: (reason) => void (halted = reason),
    secretsWritten: () => [...secretsWritten].sort(),
    writeRefusal(body) {
      if (halted) return halted;
      if (!mayWriteSecrets(target, options) && secretPointers(vendor.schemas.request, body, vendor.isSecretOpenKey).length > 0) return SECRET_WRITE_SKIPPED;
      return writeLimit?.({ body });
    },
    lastCurl: () => lastCurl,
    limitWrites: (check) => void (writeLimit = check),
    vendor,
    module,
    target,
    strict: options.strict,
    baseBody: target.restoreBody ?? documentedExample(module).body,
    secret() {
      if (target.live && !options.allowSecretWrites) throw new ProbeSkipped(SECRET_WRITE_SKIPPED);
      // Fully random: no fixed prefix that a partial mask (`abcd****`) could show unnoticed.
      const value = randomBytes(16).toString('hex');
      options.redactor.add(value);
      planted.push(value);
      return value;
    },
    async call(given) {
      let request = given;
      if (halted && !request.restoring) throw new ProbeSkipped(halted);
      request = withoutSecrets(request);
      const refused = writeLimit?.(request);
      if (refused) throw new ProbeSkipped(refused);
      const ids = { ...target.ids, ...request.ids };
      const pathParams = Object.fromEntries(vendor.pathParameters.map((p) => [p.name, ids[p.inputKey]!]));
      const search = new URLSearchParams(request.query ?? {}).toString();
      const url = `${target.baseUrl}${expandPath(vendor, pathParams)}${search ? `?${search}` : ''}`;
      const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json', ...(vendor.recommendedHeaders ?? {}) };
      if (request.nearMiss && nearMisses[request.nearMiss] === undefined) throw new ProbeSkipped(`the credential has no ${request.nearMiss === 'case' ? 'letter whose case' : 'character that'} can be changed`);
      const credential = request.nearMiss ? nearMisses[request.nearMiss]! : request.wrongCredential ? wrongCredential : target.credential;
      if (!request.withoutCredentials) headers[vendor.auth.header] = vendor.auth.kind === 'bearer' ? `Bearer ${credential}` : credential;
      lastCurl = curlOf(vendor.method, url, headers, JSON.stringify(request.body), masked);
      if (gaveUpWith) throw new Error(`${gaveUpWith} (not asked again after ${GIVE_UP_AFTER} failures in a row)`);
      let response: Response;
      let redirectedTo: string | undefined;
      let text: string;
      try {
        ({ response, redirectedTo } = await fetchWithoutLeaving(url, { method: vendor.method, headers, body: JSON.stringify(request.body) }, options.timeoutMs));
        text = await readCapped(response);
        failuresInARow = 0;
      } catch (error) {
        if (!(error instanceof AnswerTooLarge) && ++failuresInARow >= GIVE_UP_AFTER) gaveUpWith = networkReason(error, options.timeoutMs);
        throw error;
      }
      const answer = answerOf(response.status, text, headerLines(response.headers), redirectedTo);
      const ownDestination = Object.entries(request.ids ?? {}).every(([key, value]) => target.ids[key] === value);
      if (ownDestination && isSuccess(answer)) lastOwnSuccess = answer;
      if (!request.restoring) noteSecretWrites(request.body, answer.status, ownDestination);
      const observation = { answer, ids, ownDestination, revealsPlanted: vendor.revealsSecrets?.(request.query ?? {}) ?? false, curl: lastCurl };
      for (const law of laws) law.observe(observation);
      return answer;
    },
    async observe(request, answer) {
      const url = new URL(request.url);
      const ownDestination = decoded(url.pathname) === configuredPath;
      const query = Object.fromEntries(url.searchParams);
      let body: unknown;
      try {
        body = JSON.parse(request.body);
      } catch {
        body = undefined;
      }
      noteSecretWrites(body, answer.status, ownDestination);
      lastReplayAnswerAt = performance.now();
      const curl = curlOf(request.method, request.url, request.headers, request.body, masked);
      const observation = { answer, ids: ownDestination ? target.ids : {}, ownDestination, revealsPlanted: vendor.revealsSecrets?.(query) ?? false, curl };
      for (const law of laws) law.observe(observation);
      if (ownDestination && isSuccess(answer)) lastOwnSuccess = answer;
      // A refused update of the replay (a wrong credential, an unknown id, an invalid body): its body holds the pact's
      // values, not markers, so the state is read back now and compared with the last one seen. Not on the bundled
      // sandbox, whose provider states reset the destination between interactions.
      const before = lastOwnSuccess;
      if (!module.semantics.readBack || request.method !== vendor.method || answer.status < 400 || answer.status >= 500 || !before || target.stateUrl || halted) return;
      const changed = await refusalChangedNothing(context, before, body, `after the Pact replay's refused ${request.method}, HTTP ${answer.status}`);
      if (changed?.message) replayChanges.push({ message: changed.message, curl, answer });
      lastReplayRefusal = { body, curl, answer };
    },
    lawResults: () => laws.map((law) => law.result()),
    refused(markers, what) {
      refusedValues.push(...markers.map((marker) => ({ ...marker, what })));
      if (markers.length > 0) lastRefusalAt = performance.now();
    },
    async lastLook() {
      const emptyUpdate = module.semantics.readBack?.emptyUpdate;
      if (lastRefusalAt === undefined || emptyUpdate === undefined || halted || gaveUpWith) return;
      // The bundled sandbox (the one target with a provider-state endpoint) applies nothing late: no wait there.
      if (!target.stateUrl) await lookingAfter(lastRefusalAt);
      await context.call({ body: emptyUpdate }).catch(() => undefined);
    },
    async lastLookAfterReplay() {
      const refusal = lastReplayRefusal;
      if (!refusal || !lastOwnSuccess || halted || gaveUpWith) return;
      // From the replay's end, not its last refusal: a refusal applied late may land after the updates that follow it.
      await lookingAfter(lastReplayAnswerAt);
      const changed = await refusalChangedNothing(context, lastOwnSuccess, refusal.body, `read ${LAST_LOOK_MS / 1000} s after the Pact replay, whose last refused ${vendor.method} was answered HTTP ${refusal.answer.status}: applied late`);
      if (changed?.message) replayChanges.push({ message: changed.message, curl: refusal.curl, answer: refusal.answer });
    },
  };
  return context;
}

/** The stored secrets an accepted update with this body overwrites: those it carries, or what its field mask names. */
export function secretsWrittenBy({ definition, semantics }: VendorModule, body: unknown): readonly string[] {
  return semantics.secretsWrittenBy ? semantics.secretsWrittenBy(body) : secretPointers(definition.schemas.request, body, definition.isSecretOpenKey);
}

export const SECRET_WRITE_SKIPPED = 'would overwrite a stored secret (pass --allow-secret-writes for a throwaway destination)';

/**
 * Whether requests carrying a secret may reach the target: the sandbox; a live destination only when the user
 * says it is a throwaway one (--allow-secret-writes, --allow-overwrite), or a PUT vendor's restore file puts
 * the secrets back at the end (a PUT replaces everything; a PATCH restore puts back only what its file holds).
 */
export function mayWriteSecrets(target: VerifyTarget, options: { allowSecretWrites?: boolean }): boolean {
  const putBack = target.restoreBody !== undefined && target.module.definition.method === 'PUT';
  return !target.live || Boolean(options.allowSecretWrites) || target.overwritable === true || putBack;
}

export const pass = (extra: Partial<ProbeVerdict> = {}): ProbeVerdict => ({ status: 'passed', ...extra });
export const warn = (message: string, extra: Partial<ProbeVerdict> = {}): ProbeVerdict => ({ status: 'warning', message, ...extra });
/** Never a pass that did not happen: a probe that cannot judge says why. */
export const skip = (reason: string): ProbeVerdict => ({ status: 'skipped', message: reason });
export const fail = (message: string, expected?: unknown, actual?: unknown): ProbeVerdict => ({
  status: 'failed',
  message,
  ...(expected === undefined ? {} : { expected }),
  ...(actual === undefined ? {} : { actual }),
});

/** Fails unless the answer is 2xx; passes the body on. */
export function expectSuccess(what: string, response: ProbeResponse): ProbeVerdict | undefined {
  if (response.status >= 200 && response.status < 300) return undefined;
  if (response.redirectedTo) return fail(`${what}: redirected (HTTP ${response.status}) to ${response.redirectedTo}; not followed (no credential leaves the configured origin)`, { status: '2xx' }, { status: response.status });
  return fail(`${what}: expected a 2xx answer, got HTTP ${response.status}`, { status: '2xx' }, { status: response.status, body: response.body });
}

/** A probe that sends a random secret and fails if the answer shows it. */
export function secretNotEchoed(spec: {
  readonly name: string;
  /** Defaults to the security rule; a page that says so itself is cited instead. */
  readonly evidence?: Evidence;
  readonly body: (secret: string, context: ProbeContext) => unknown;
  readonly query?: Readonly<Record<string, string>>;
  readonly echoed: string;
  readonly expected: string;
}): Probe {
  return {
    name: spec.name,
    evidence: spec.evidence ?? security('a secret sent to the provider never comes back in any answer'),
    async run(context) {
      const value = context.secret();
      const response = await context.call({ body: spec.body(value, context), ...(spec.query ? { query: spec.query } : {}) });
      const failure = expectSuccess('the update', response);
      if (failure) return failure;
      const shown = secretShown(value, response);
      if (shown) return fail(`${spec.echoed} (${shown})`, spec.expected, 'the secret, or part of it, in the response');
      return pass();
    },
  };
}

/**
 * Where a response shows a planted secret, in any spelling the redactor knows, or part of it (the
 * shared detector of src/util/secret-forms.ts). Headers count as much as the body.
 */
export function secretShown(secret: string, response: ProbeResponse): string | undefined {
  for (const [where, text] of [['body', response.text], ['headers', response.headers]] as const) {
    const how = secretIn(text, secret);
    if (how) return `${how}, in the ${where}`;
  }
  return undefined;
}

/**
 * A probe that sends a full update, then one naming fewer fields, and fails if a field the second
 * did not name changed (a PATCH that replaces instead of merging).
 */
export function patchKeepsUnnamedFields(spec: {
  readonly full: unknown;
  readonly partialName: string;
  readonly partial: (before: Record<string, unknown>) => unknown;
  readonly kept: readonly string[];
  readonly destinationOf: (response: ProbeResponse) => Record<string, unknown>;
  /** Further checks on the second answer (the named field was applied). */
  readonly applied?: (before: Record<string, unknown>, after: Record<string, unknown>) => ProbeVerdict | undefined;
}): Probe {
  return {
    name: 'PATCH keeps the fields it does not name',
    evidence: page('the method is PATCH: a partial update (RFC 5789 §2: the patch document describes changes); a field it does not name is not changed'),
    async run({ call }) {
      const first = await call({ body: spec.full });
      const firstFailure = expectSuccess('the first PATCH', first);
      if (firstFailure) return firstFailure;
      const before = spec.destinationOf(first);
      const second = await call({ body: spec.partial(before) });
      const secondFailure = expectSuccess(`the ${spec.partialName} PATCH`, second);
      if (secondFailure) return secondFailure;
      const after = spec.destinationOf(second);
      for (const field of spec.kept) {
        if (!deepEqual(after[field], before[field])) {
          return fail(`PATCH dropped or changed ${field}, which it did not name`, { [field]: before[field] }, { [field]: after[field] });
        }
      }
      return spec.applied?.(before, after) ?? pass();
    },
  };
}

/**
 * The credential spelled almost right (law 6: a credential is compared exactly): every letter's case
 * flipped (undefined without a letter), and its last character changed to another of its kind.
 */
function nearMissesOf(credential: string): { readonly case: string | undefined; readonly 'one-character': string | undefined } {
  const flipped = [...credential].map((c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())).join('');
  const last = credential.at(-1);
  const other = last === undefined ? undefined : /\d/.test(last) ? String((Number(last) + 1) % 10) : /[a-z]/i.test(last) ? (last.toLowerCase() === 'z' ? String.fromCharCode(last.charCodeAt(0) - 1) : String.fromCharCode(last.charCodeAt(0) + 1)) : last === '-' ? '_' : '-';
  return { case: flipped === credential ? undefined : flipped, 'one-character': other === undefined ? undefined : `${credential.slice(0, -1)}${other}` };
}

/** A path with its percent-encoding undone where it is valid (one id, two spellings). */
function decoded(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function headerLines(headers: Headers): string {
  const lines: string[] = [];
  headers.forEach((value, name) => lines.push(`${name}: ${value}`));
  return lines.join('\n');
}

/** Answers larger than this are a failure, not gigabytes of memory. */
export const MAX_ANSWER_BYTES = 10 * 1024 * 1024;

/**
 * Fetch that follows redirects only within the configured origin: fetch would carry custom
 * headers (X-API-KEY) to another origin, so such a redirect is reported, never followed.
 */
async function fetchWithoutLeaving(url: string, init: RequestInit, timeoutMs: number): Promise<{ response: Response; redirectedTo?: string }> {
  let current = url;
  for (let hops = 0; ; hops++) {
    const response = await fetch(current, { ...init, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location || hops >= 5) return { response };
    const next = new URL(location, current);
    if (next.origin !== new URL(url).origin) return { response, redirectedTo: next.origin };
    await response.body?.cancel();
    current = next.href;
  }
}

/** An answer over the size cap: a finding about the provider, not a network failure. */
export class AnswerTooLarge extends Error {}

/** The body as text, refusing to hold more than MAX_ANSWER_BYTES. */
async function readCapped(response: Response): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > MAX_ANSWER_BYTES) {
    await response.body?.cancel();
    throw new AnswerTooLarge(`the answer is larger than ${MAX_ANSWER_BYTES / 1024 / 1024} MiB (Content-Length ${declared})`);
  }
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    if (size > MAX_ANSWER_BYTES) throw new AnswerTooLarge(`the answer is larger than ${MAX_ANSWER_BYTES / 1024 / 1024} MiB`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A request as a curl command a user can paste, with every credential masked. */
function curlOf(method: string, url: string, headers: Readonly<Record<string, string>>, body: string, secrets: readonly string[]): string {
  const mask = (text: string) => secrets.reduce((out, secret) => out.split(secret).join('***'), text);
  const parts = [`curl -X ${method} ${shellQuote(url)}`, ...Object.entries(headers).map(([name, value]) => `-H ${shellQuote(`${name}: ${mask(value)}`)}`), `--data ${shellQuote(mask(body))}`];
  return parts.join(' ');
}

/**
 * Law: a refused request changes nothing (RFC 5789 §2: a server must not apply part of a failed
 * PATCH; a refused PUT likewise). Reads the state back after a refusal, without writing over what
 * the refused body touched: the vendor's no-op update, else (a merge PATCH) the state before minus
 * the fields the refused body names. Returns a failure naming the fields that moved and, when given, the
 * circumstance (`after …`), or undefined (also when the state cannot be read back: PUT vendors, no read).
 */
export async function refusalChangedNothing(context: ProbeContext, before: ProbeResponse, refusedBody: unknown, circumstance?: string): Promise<ProbeVerdict | undefined> {
  const readBack = context.module.semantics.readBack;
  if (!readBack) return undefined;
  const stateOf = (r: ProbeResponse | undefined) => (r && r.status < 300 ? documentedDestination(context.vendor, r) : undefined);
  const read = (body: unknown) => context.call({ body }).catch(() => undefined);
  // Read twice: a provider whose first read after a refusal still shows the old state shows the change on the
  // second. Where the no-op may be refused or answered from a copy (the page is silent on it), the second look is
  // updates that write one field back each, judged on the others.
  const first = await read(readBack.emptyUpdate);
  let reads: { answer: ProbeResponse | undefined; writes: readonly string[] }[] = stateOf(first) === undefined ? [] : [{ answer: first, writes: [] }];
  if (readBack.fallbackReads) {
    for (const { body, writes } of readBack.fallbackReads(before.body)) reads.push({ answer: await read(body), writes });
  } else if (reads.length > 0) reads.push({ answer: await read(readBack.emptyUpdate), writes: [] });
  else if (!readBack.clearedByRestore) {
    const untouched = withoutPointers(readBack.restoreBody(before.body), leafPointers(refusedBody));
    reads = [{ answer: await read(untouched), writes: [] }];
  }
  const was = stateOf(before);
  for (const { answer, writes } of reads) {
    const is = stateOf(answer);
    if (!isRecord(was) || !isRecord(is)) return undefined;
    const moved = [...new Set([...Object.keys(was), ...Object.keys(is)])].filter((k) => !writes.includes(k) && !deepEqual(was[k], is[k]));
    if (moved.length > 0) return fail(`a refused request changed the destination (RFC 5789 §2): ${moved.join(', ')}${circumstance ? ` (${circumstance})` : ''}`, pickKeys(was, moved), pickKeys(is, moved));
  }
  return undefined;
}

/** The destination an answer shows, on its documented fields, the update timestamp aside (undocumented fields such as an etag may move with any write), date-times as instants. */
export function documentedDestination(vendor: VendorDefinition, response: ProbeResponse): Record<string, unknown> | undefined {
  if (!isRecord(response.body)) return undefined;
  const documented = withoutPointers(response.body, drift(vendor, response.body).map((d) => d.path));
  const destination = pointerGet(documented, vendor.destinationPointer);
  if (!isRecord(destination)) return undefined;
  const { [vendor.timestamps?.updated ?? '']: _moved, ...rest } = destination;
  return asInstants(rest) as Record<string, unknown>;
}

const DATE_TIME = /^\d{4}-\d\d-\d\d[Tt ]\d\d:\d\d:\d\d(\.\d+)?([Zz]|[+-]\d\d:\d\d)$/;

/**
 * Date-times as the instants they name (RFC 3339 §5.6: one instant has many spellings), so that
 * states compare by time, not by the offset a provider happened to write this time.
 */
function asInstants(value: unknown): unknown {
  if (typeof value === 'string') return DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)) ? new Date(Date.parse(value)).toISOString() : value;
  if (Array.isArray(value)) return value.map(asInstants);
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asInstants(v)]));
  return value;
}

function pickKeys(record: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, record[k]]));
}
