/**
 * Every non-2xx answer makes the client reject with an Error carrying `status` and `body`
 * (DESIGN.md: the parsed JSON, or the text), whatever the body: JSON, problem+json, text, HTML,
 * none, and a 3xx the client cannot follow.
 */
import type { CheckResult } from '../../src/report/types.js';
import { documentedExample } from '../../src/contracts/index.js';
import { inputOf } from '../../src/contracts/client.js';
import type { ScriptedResponse } from '../../src/client-check/recorder.js';
import { deepEqual } from '../../src/semantics/json.js';
import { BASE_PATH, callClient, describeSettled, type ScenarioContext } from './context.js';

/** Every client and server error a provider may send, the unusual ones too (answered with a JSON body). */
export const ERROR_STATUSES = [400, 401, 403, 404, 405, 409, 410, 413, 415, 418, 422, 429, 451, 500, 502, 503, 504, 599] as const;

/** An error answer in another form than a JSON body, and the rejection body it must give. */
export interface ErrorForm {
  readonly status: number;
  /** How the form is named in results and for `--only` ("text/plain body"). */
  readonly form: string;
  readonly answer: ScriptedResponse;
  /** The `body` the rejection must carry; several where DESIGN.md leaves the choice (no body at all). */
  readonly bodies: readonly unknown[];
}

const NOTHING: readonly unknown[] = ['', null, undefined, {}];
const PROBLEM = { type: 'about:blank', title: 'Unprocessable Content', status: 422, detail: 'scenario error 422' };
const HTML = '<!DOCTYPE html><html><head><title>503 Service Unavailable</title></head><body><h1>Service Unavailable</h1></body></html>';

export const ERROR_FORMS: readonly ErrorForm[] = [
  { status: 422, form: 'application/problem+json body', answer: { status: 422, body: PROBLEM, raw: { text: JSON.stringify(PROBLEM), contentType: 'application/problem+json' } }, bodies: [PROBLEM] },
  { status: 502, form: 'text/plain body', answer: { status: 502, body: undefined, raw: { text: 'Bad Gateway: upstream timed out', contentType: 'text/plain; charset=utf-8' } }, bodies: ['Bad Gateway: upstream timed out'] },
  { status: 503, form: 'text/html body', answer: { status: 503, body: undefined, raw: { text: HTML, contentType: 'text/html' } }, bodies: [HTML] },
  // The text of no body is "" (DESIGN.md), but DESIGN.md does not name the case: null, undefined and
  // an empty object (what a generated hey-api client gives) say "nothing" as well, and all pass.
  { status: 500, form: 'empty body', answer: { status: 500, body: undefined, raw: { text: '' } }, bodies: NOTHING },
  { status: 401, form: 'empty body', answer: { status: 401, body: undefined, raw: { text: '' }, headers: { 'www-authenticate': 'Bearer' } }, bodies: NOTHING },
  // A 3xx without a Location cannot be followed: it is an answer like any other non-2xx.
  { status: 300, form: 'JSON body, no Location', answer: { status: 300, body: { error: { code: 300, message: 'scenario error 300' } } }, bodies: [{ error: { code: 300, message: 'scenario error 300' } }] },
  { status: 304, form: 'no body', answer: { status: 304, body: undefined, raw: { text: '' } }, bodies: NOTHING },
];

export const errorResultName = (status: number) => `rejects on HTTP ${status} with status and body`;
export const errorFormResultName = (form: ErrorForm) => `rejects on HTTP ${form.status} (${form.form}) with status and body`;

const JSON_BODY = 'JSON body';

/** The JSON error answer of a status. */
export const jsonErrorForm = (status: number): ErrorForm => {
  const body = { error: { code: status, message: `scenario error ${status}` } };
  return { status, form: JSON_BODY, answer: { status, body }, bodies: [body] };
};

export async function errorScenario(context: ScenarioContext, form: ErrorForm, name: string): Promise<CheckResult> {
  const { vendor, recorder } = context;
  const started = performance.now();
  const { status } = form;
  recorder.script(form.answer);
  const settled = await callClient(context, `${recorder.origin}${BASE_PATH}`, inputOf(vendor, documentedExample(context.module)));
  const on = form.form === JSON_BODY ? `on HTTP ${status}` : `on HTTP ${status} (${form.form})`;
  const problem =
    'timedOut' in settled
      ? `${on} the client did not settle within ${context.timeoutMs} ms`
      : 'resolved' in settled
        ? `errors swallowed: ${on} the client resolved instead of rejecting`
        : !(settled.rejected.error instanceof Error)
          ? `${on} the client rejected with something that is not an Error instance`
        : settled.rejected.status !== status
          ? `${on} the rejection carries status ${JSON.stringify(settled.rejected.status)}, expected ${status}${form.form === JSON_BODY ? '' : ` (${describeSettled(settled)})`}`
          : !form.bodies.some((body) => deepEqual(settled.rejected.body, body))
            ? `${on} the rejection body is not ${typeof form.bodies[0] === 'string' && form.bodies[0] !== '' ? 'the text of the answer' : form.bodies[0] === '' ? 'empty' : 'the parsed error body'}`
            : undefined;
  return {
    vendor: vendor.id,
    step: 'check-client',
    name,
    status: problem ? 'failed' : 'passed',
    durationMs: Math.round(performance.now() - started),
    ...(problem ? { message: problem, expected: { rejects: { status, body: form.bodies[0] ?? null } }, actual: 'rejected' in settled ? { status: settled.rejected.status, body: settled.rejected.body } : describeSettled(settled) } : {}),
  };
}
