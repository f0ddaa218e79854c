/** The client conformance suite of one vendor: every scenario, in a stable order. */
import type { CheckResult } from '../../src/report/types.js';
import type { ScenarioContext } from './context.js';
import { contractScenarios } from './contract.js';
import { ERROR_STATUSES, errorScenario } from './errors.js';
import { generatedRequestsScenario } from './generated-requests.js';
import { exactResponseScenario } from './responses.js';
import { crossOriginRedirectScenario, REDIRECT_STATUSES } from './redirects.js';

export type { ScenarioContext } from './context.js';

export async function runClientSuite(context: ScenarioContext, emit: (result: CheckResult) => void): Promise<void> {
  const guard = async (name: string, scenario: () => Promise<CheckResult | CheckResult[]>) => {
    context.onScenario?.(name);
    const started = performance.now();
    try {
      const results = await scenario();
      for (const result of Array.isArray(results) ? results : [results]) emit(result);
    } catch (error) {
      emit({ vendor: context.vendor.id, step: 'check-client', name, status: 'failed', durationMs: Math.round(performance.now() - started), message: `the scenario could not run: ${(error as Error).message}` });
    }
  };
  await guard('contract interactions', () => contractScenarios(context));
  await guard('generated requests', () => generatedRequestsScenario(context));
  await guard('exact response body', () => exactResponseScenario(context));
  for (const status of ERROR_STATUSES) await guard(`HTTP ${status}`, () => errorScenario(context, status));
  for (const status of REDIRECT_STATUSES) await guard(`redirect ${status}`, () => crossOriginRedirectScenario(context, status));
  emit(credentialStaysInItsHeader(context));
}

/** Collected over every call: the credential in a rejection or in the client's own output is a leak. */
function credentialStaysInItsHeader(context: ScenarioContext): CheckResult {
  const name = 'the credential never shows in a rejection or in what the client prints';
  if (context.leaks.length === 0) return { vendor: context.vendor.id, step: 'check-client', name, status: 'passed', durationMs: 0 };
  return { vendor: context.vendor.id, step: 'check-client', name, status: 'failed', durationMs: 0, message: `credential leaked in ${context.leaks.join(' and in ')}` };
}
