/** The client resolves with the provider's body exactly as parsed, undocumented fields included. */
import fc from 'fast-check';
import { arbitrariesFor } from '../../src/arbitraries/index.js';
import { describeDifferences, jsonDifferences } from '../../src/client-check/json-diff.js';
import type { CheckResult } from '../../src/report/types.js';
import { documentedExample } from '../../src/contracts/index.js';
import { inputOf } from '../../src/contracts/client.js';
import { BASE_PATH, callClient, describeSettled, type ScenarioContext } from './context.js';

export const EXACT_RESPONSE_NAME = 'resolves with the exact response body, undocumented fields included';

export async function exactResponseScenario(context: ScenarioContext): Promise<CheckResult> {
  const { vendor, recorder } = context;
  const started = performance.now();
  const bodies = fc.sample(arbitrariesFor(vendor).validResponse, { numRuns: 5, seed: context.seed });
  // An undocumented field a provider might add: the client must pass it through.
  bodies.push({ ...(bodies[0] as object), x_undocumented_field: { nested: [1, 'two', null] } });
  const input = inputOf(vendor, documentedExample(context.module));
  const result = (status: CheckResult['status'], extra: Partial<CheckResult> = {}): CheckResult => ({
    vendor: vendor.id,
    step: 'check-client',
    name: EXACT_RESPONSE_NAME,
    status,
    durationMs: Math.round(performance.now() - started),
    ...extra,
  });
  for (const body of bodies) {
    recorder.script({ status: 200, body });
    const settled = await callClient(context, `${recorder.origin}${BASE_PATH}`, input);
    if (!('resolved' in settled)) return result('failed', { message: `on HTTP 200 the client ${describeSettled(settled)}`, expected: body });
    const differences = jsonDifferences(body, settled.resolved);
    if (differences.length > 0) {
      return result('failed', { message: `the client changed or unwrapped the response body: ${describeDifferences(differences)}`, expected: body, actual: settled.resolved });
    }
  }
  return result('passed');
}
