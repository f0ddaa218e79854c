/**
 * Generated inputs: fast-check bodies from the request schema and destination ids full of
 * characters that break a naive path (unicode, `/`, `?`, `#`, `%`, spaces). The request received
 * must be exactly the documented one; a failure is shrunk to its smallest counterexample.
 */
import fc from 'fast-check';
import { arbitrariesFor, destinationId } from '../../src/arbitraries/index.js';
import type { CheckResult } from '../../src/report/types.js';
import { BASE_PATH, callClient, describeSettled, scenarioResult, type ScenarioContext } from './context.js';
import { errorsOf, requestDeviations, warningsOf } from './request-rules.js';
import { CORNER_IDS, cornerInputs } from './corner-inputs.js';

export const generatedRequestsName = (runs: number) => `generated requests are the documented request (${CORNER_IDS.length} corner cases, ${runs} random inputs)`;

export async function generatedRequestsScenario(context: ScenarioContext): Promise<CheckResult> {
  const { vendor, recorder } = context;
  const arbitraries = arbitrariesFor(vendor);
  const input = fc.record({
    ...Object.fromEntries(vendor.pathParameters.map((p) => [p.inputKey, destinationId])),
    body: arbitraries.validRequest,
    ...(arbitraries.validQuery ? { query: arbitraries.validQuery } : {}),
  }) as fc.Arbitrary<Record<string, unknown> & { body: unknown; query?: Record<string, unknown> }>;
  const started = performance.now();
  const warnings = new Set<string>();
  const details = await fc.check(
    fc.asyncProperty(input, async (generated) => {
      recorder.script({ status: 200, body: {} });
      const settled = await callClient(context, `${recorder.origin}${BASE_PATH}`, generated);
      const request = recorder.recorded[0];
      if (!request) throw new Error(`the client sent no request (it ${describeSettled(settled)})`);
      if (recorder.recorded.length > 1) throw new Error(`the client sent ${recorder.recorded.length} requests for one call (expected exactly one)`);
      const deviations = requestDeviations(vendor, { input: generated, credentials: context.credentials, basePath: BASE_PATH }, request);
      for (const warning of warningsOf(deviations)) warnings.add(warning);
      const errors = errorsOf(deviations);
      if (errors.length > 0) throw new Error(errors.join('; '));
    }),
    // The corner cases first, every run; then the random inputs.
    { numRuns: context.runs, seed: context.seed, endOnFailure: false, verbose: 0, examples: cornerInputs(vendor, context.seed).map((i) => [i]) },
  );
  const name = generatedRequestsName(context.runs);
  if (!details.failed) {
    if (warnings.size === 0) return scenarioResult(context, name, 'passed', started);
    return scenarioResult(context, name, 'warning', started, { message: [...warnings].slice(0, 3).join('; ') });
  }
  const counterexample = details.counterexample?.[0] as Record<string, unknown> | undefined;
  const reason = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  return scenarioResult(context, name, 'failed', started, {
    message: `${reason} (seed ${details.seed}, shrunk input below)`,
    ...(counterexample ? { actual: counterexample } : {}),
  });
}
