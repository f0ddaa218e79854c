/**
 * Laws of a client judged on every call any scenario makes, not in one scenario each: the requests
 * of a call are those the recorder answered between its start and the moment it settled; one that
 * arrives later (before the next call, or in the quiet period the run ends with) was sent when no
 * call of the caller was waiting for it: a background read-back, a delayed duplicate. So is one that
 * arrives during a later call but goes to an earlier call's destination, not to this call's.
 *  - one request per call; a second only after a failed answer (a retry), and a retry of a
 *    non-idempotent method after a 5xx is a warning (RFC 9110 §9.2.2: SHOULD NOT);
 *  - every request is the documented request for the call's input, the second update of the same
 *    destination through one instance as much as the first (a PUT client must not send a delta).
 */
import type { AnsweredRequest, Recorder } from '../../src/client-check/recorder.js';
import type { VendorDefinition } from '../../src/vendors/types.js';
import { errorsOf, goesToPathOf, requestDeviations, warningsOf, type ExpectedCall } from './request-rules.js';

export interface CallLaws {
  /** A call starts against `recorder` with this input (closing the previous call). */
  start(recorder: Recorder, input: ExpectedCall['input']): void;
  /** The open call resolved or rejected now (a call that timed out is still the client's). */
  settled(): void;
  /** When the last call settled (performance.now()), or undefined when none did. */
  readonly lastSettledAt: number | undefined;
  /** The findings over every call so far (closing the last one). */
  findings(): { readonly calls: number; readonly counting: Findings; readonly requests: Findings };
}

export interface Findings {
  readonly errors: readonly string[];
  readonly warnings: readonly string[];
}

/** How far back a late request is looked for among the calls of a run (a run makes a few hundred). */
const MAX_EARLIER_CALLS = 1000;

const IDEMPOTENT = new Set(['PUT', 'GET', 'HEAD', 'DELETE', 'OPTIONS']);

export function callLaws(vendor: VendorDefinition, credentials: Readonly<Record<string, string>>, basePath: string): CallLaws {
  let open: { recorder: Recorder; from: number; input: ExpectedCall['input']; settledAt?: number } | undefined;
  let lastSettledAt: number | undefined;
  let calls = 0;
  const counting = collected();
  const requests = collected();
  const late: AnsweredRequest[] = [];
  /** The inputs of the calls that settled: a request to one of their paths, sent during a later call, is theirs. */
  const earlier: ExpectedCall['input'][] = [];
  const expected = (input: ExpectedCall['input']): ExpectedCall => ({ input, credentials, basePath });
  const close = () => {
    if (!open) return;
    const { settledAt, input } = open;
    const all = open.recorder.answered.slice(open.from);
    // Only beside a request of its own: a client that sends every update to an earlier destination has a wrong path.
    const hasItsOwn = all.some((request) => goesToPathOf(vendor, expected(input), request));
    const sent = all.filter((request) => {
      const afterSettling = settledAt !== undefined && request.at > settledAt;
      const ofAnEarlierCall = hasItsOwn && !goesToPathOf(vendor, expected(input), request) && earlier.some((before) => goesToPathOf(vendor, expected(before), request));
      if (afterSettling || ofAnEarlierCall) late.push(request);
      return !afterSettling && !ofAnEarlierCall;
    });
    if (settledAt !== undefined && earlier.push(input) > MAX_EARLIER_CALLS) earlier.shift();
    judgeCounting(vendor, sent, counting);
    sent.forEach((request, i) => {
      const deviations = requestDeviations(vendor, expected(input), request);
      const which = sent.length > 1 ? `request ${i + 1} of ${sent.length} of a call` : 'a call';
      for (const message of errorsOf(deviations)) requests.error(`${which}: ${message}`);
      for (const message of warningsOf(deviations)) requests.warning(`${which}: ${message}`);
    });
    open = undefined;
  };
  return {
    start(recorder, input) {
      close();
      calls++;
      open = { recorder, from: recorder.answered.length, input: structuredClone(input) };
    },
    settled() {
      lastSettledAt = performance.now();
      if (open) open.settledAt ??= lastSettledAt;
    },
    get lastSettledAt() {
      return lastSettledAt;
    },
    findings() {
      close();
      // First: it sums up every late request, where the other messages name one call each.
      if (late.length > 0) counting.errors.splice(0, counting.errors.length, lateRequests(late), ...counting.errors.slice(0, 4));
      return { calls, counting, requests };
    },
  };
}

/** Each request after the first of a call must follow a failed answer (a redirect may be followed). */
function judgeCounting(vendor: VendorDefinition, sent: readonly AnsweredRequest[], into: ReturnType<typeof collected>): void {
  for (let i = 1; i < sent.length; i++) {
    const before = sent[i - 1]!.answered;
    // A request of another method is not a retry of the update, whatever came before it.
    if (sent[i]!.method !== vendor.method) into.error(`${sent.length} requests for one call: request ${i + 1} is a ${sent[i]!.method}, not the update (${vendor.method})`);
    else if (before < 300) into.error(`${sent.length} requests for one call: request ${i + 1} followed an HTTP ${before} answer (a success is not retried)`);
    else if (before >= 500 && !IDEMPOTENT.has(vendor.method)) into.warning(`a ${vendor.method} retried after HTTP ${before} (RFC 9110 §9.2.2: a non-idempotent request SHOULD NOT be retried automatically)`);
  }
}

/** Requests no call was waiting for: each is a request the caller did not ask for (and cannot see fail). */
function lateRequests(late: readonly AnsweredRequest[]): string {
  const first = late[0]!;
  return `${late.length} request${late.length > 1 ? 's' : ''} sent after ${late.length > 1 ? 'their calls' : 'its call'} had settled (a background or delayed request; the first: ${first.method} ${first.url.split('?')[0]})`;
}

/** Messages kept once each, five at most (one deviation on every call is one finding). */
function collected() {
  const errors: string[] = [];
  const warnings: string[] = [];
  const add = (into: string[], message: string) => {
    if (into.length < 5 && !into.includes(message)) into.push(message);
  };
  return { errors, warnings, error: (m: string) => add(errors, m), warning: (m: string) => add(warnings, m) };
}
