/** Error statuses make the client reject with `status` and the parsed `body` (DESIGN.md). */
import type { CheckResult } from '../../src/report/types.js';
import { documentedExample } from '../../src/contracts/index.js';
import { inputOf } from '../../src/contracts/runner.js';
import { deepEqual } from '../../src/semantics/json.js';
import { BASE_PATH, callClient, describeSettled, type ScenarioContext } from './context.js';

/** Every client and server error a provider may send, the unusual ones too. */
export const ERROR_STATUSES = [400, 401, 403, 404, 405, 409, 410, 413, 415, 418, 422, 429, 451, 500, 502, 503, 504, 599] as const;

export const errorResultName = (status: number) => `rejects on HTTP ${status} with status and body`;

export async function errorScenario(context: ScenarioContext, status: number): Promise<CheckResult> {
  const { vendor, recorder } = context;
  const started = performance.now();
  const body = { error: { code: status, message: `scenario error ${status}` } };
  recorder.script({ status, body });
  const settled = await callClient(context, `${recorder.origin}${BASE_PATH}`, inputOf(vendor, documentedExample(vendor.id)));
  const problem =
    'timedOut' in settled
      ? `on HTTP ${status} the client did not settle within ${context.timeoutMs} ms`
      : 'resolved' in settled
        ? `errors swallowed: on HTTP ${status} the client resolved instead of rejecting`
        : !(settled.rejected.error instanceof Error)
          ? `on HTTP ${status} the client rejected with something that is not an Error instance`
        : settled.rejected.status !== status
          ? `the rejection carries status ${JSON.stringify(settled.rejected.status)}, expected ${status}`
          : !deepEqual(settled.rejected.body, body)
            ? 'the rejection body is not the parsed error body'
            : undefined;
  return {
    vendor: vendor.id,
    step: 'check-client',
    name: errorResultName(status),
    status: problem ? 'failed' : 'passed',
    durationMs: Math.round(performance.now() - started),
    ...(problem ? { message: problem, expected: { rejects: { status, body } }, actual: 'rejected' in settled ? { status: settled.rejected.status, body: settled.rejected.body } : describeSettled(settled) } : {}),
  };
}
