/** The client conformance suite of one vendor: every scenario, in a stable order. */
import type { CheckResult } from '../../src/report/types.js';
import { adapterInterface, page, security, type Evidence } from '../../src/schemas/evidence.js';
import type { ScenarioContext } from './context.js';
import { contractScenarios } from './contract.js';
import { ERROR_STATUSES, errorScenario } from './errors.js';
import { generatedRequestsScenario } from './generated-requests.js';
import { exactResponseScenario } from './responses.js';
import { crossOriginRedirectScenario, REDIRECT_STATUSES } from './redirects.js';

export type { ScenarioContext } from './context.js';

/** Where each scenario's rule comes from (its findings carry it; severity follows it). */
const EVIDENCE = {
  contract: (vendor: ScenarioContext['vendor']) => page(`${vendor.seedFile}: the documented method, path, auth header, query and body`),
  generated: (vendor: ScenarioContext['vendor']) => page(`${vendor.seedFile}: the documented request for every valid input (path parameters percent-encoded: RFC 3986 §3.3)`),
  response: adapterInterface('DESIGN.md: on a 2xx response updateDestination resolves with the parsed JSON body, unchanged'),
  errors: adapterInterface('DESIGN.md: on any other status it rejects with an Error that has status (number) and body'),
  redirects: security('a credential never leaves the configured origin (fetch keeps custom headers across origins: VENDOR-NOTES.md)'),
  leaks: security('a credential appears only in its documented header'),
  input: adapterInterface("DESIGN.md: the input is the caller's; a client that changes it changes what the caller holds"),
};

export async function runClientSuite(context: ScenarioContext, emit: (result: CheckResult) => void): Promise<void> {
  const guard = async (name: string, evidence: Evidence, scenario: () => Promise<CheckResult | CheckResult[]>) => {
    context.onScenario?.(name);
    const started = performance.now();
    try {
      const results = await scenario();
      for (const result of Array.isArray(results) ? results : [results]) emit({ evidence, ...result });
    } catch (error) {
      emit({ vendor: context.vendor.id, step: 'check-client', name, status: 'failed', durationMs: Math.round(performance.now() - started), evidence, message: `the scenario could not run: ${(error as Error).message}` });
    }
  };
  await guard('contract interactions', EVIDENCE.contract(context.vendor), () => contractScenarios(context));
  await guard('generated requests', EVIDENCE.generated(context.vendor), () => generatedRequestsScenario(context));
  await guard('exact response body', EVIDENCE.response, () => exactResponseScenario(context));
  for (const status of ERROR_STATUSES) await guard(`HTTP ${status}`, EVIDENCE.errors, () => errorScenario(context, status));
  for (const status of REDIRECT_STATUSES) await guard(`redirect ${status}`, EVIDENCE.redirects, () => crossOriginRedirectScenario(context, status));
  emit({ evidence: EVIDENCE.leaks, ...credentialStaysInItsHeader(context) });
  emit({ evidence: EVIDENCE.input, ...inputLeftAlone(context) });
}

/** Collected over every call: the credential in a rejection or in the client's own output is a leak. */
function credentialStaysInItsHeader(context: ScenarioContext): CheckResult {
  const name = 'the credential never shows in a rejection or in what the client prints';
  if (context.leaks.length === 0) return { vendor: context.vendor.id, step: 'check-client', name, status: 'passed', durationMs: 0 };
  return { vendor: context.vendor.id, step: 'check-client', name, status: 'failed', durationMs: 0, message: `credential leaked in ${context.leaks.join(' and in ')}` };
}

/** Collected over every call: the caller's input belongs to the caller (the adapter interface, DESIGN.md). */
function inputLeftAlone(context: ScenarioContext): CheckResult {
  const name = "the caller's input is left as it was given";
  if (context.inputChanges.length === 0) return { vendor: context.vendor.id, step: 'check-client', name, status: 'passed', durationMs: 0 };
  return { vendor: context.vendor.id, step: 'check-client', name, status: 'failed', durationMs: 0, message: `the client changed the input it was given: ${context.inputChanges.join('; ')}` };
}
