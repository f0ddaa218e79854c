/** The client conformance suite of one vendor: every scenario, in a stable order. */
import { contractOf } from '../../src/contracts/index.js';
import { matchesOnly, type CheckResult } from '../../src/report/types.js';
import type { VendorDefinition } from '../../src/vendors/index.js';
import { adapterInterface, page, security, type Evidence } from '../../src/schemas/evidence.js';
import type { ScenarioContext } from './context.js';
import { contractResultName, contractScenarios } from './contract.js';
import { ERROR_STATUSES, errorResultName, errorScenario } from './errors.js';
import { generatedRequestsName, generatedRequestsScenario } from './generated-requests.js';
import { EXACT_RESPONSE_NAME, exactResponseScenario } from './responses.js';
import { crossOriginRedirectScenario, REDIRECT_STATUSES, redirectResultName } from './redirects.js';

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

/** One scenario: its name, the names of the results it can give, and how it runs. */
interface Scenario {
  readonly name: string;
  readonly evidence: Evidence;
  readonly gives: readonly string[];
  readonly run: (context: ScenarioContext) => Promise<CheckResult | CheckResult[]>;
}

/** The summaries judged over every call of the run (they need every scenario to have run). */
export const SUMMARY_NAMES = {
  leaks: 'the credential never shows in a rejection or in what the client prints',
  input: "the caller's input is left as it was given",
} as const;

function scenariosOf(vendor: VendorDefinition, runs: number): Scenario[] {
  return [
    { name: 'contract interactions', evidence: EVIDENCE.contract(vendor), gives: contractOf(vendor.id).interactions.map((i) => contractResultName(i.description)), run: contractScenarios },
    { name: 'generated requests', evidence: EVIDENCE.generated(vendor), gives: [generatedRequestsName(runs)], run: generatedRequestsScenario },
    { name: 'exact response body', evidence: EVIDENCE.response, gives: [EXACT_RESPONSE_NAME], run: exactResponseScenario },
    ...ERROR_STATUSES.map((status): Scenario => ({ name: `HTTP ${status}`, evidence: EVIDENCE.errors, gives: [errorResultName(status)], run: (c) => errorScenario(c, status) })),
    ...REDIRECT_STATUSES.map((status): Scenario => ({ name: `redirect ${status}`, evidence: EVIDENCE.redirects, gives: [redirectResultName(status)], run: (c) => crossOriginRedirectScenario(c, status) })),
  ];
}

/** Every name a check-client run of this vendor can give a result (what `--only` is matched against). */
export function clientCheckNames(vendor: VendorDefinition, runs: number): string[] {
  return [...scenariosOf(vendor, runs).flatMap((s) => [s.name, ...s.gives]), ...Object.values(SUMMARY_NAMES)];
}

/**
 * `--only` chooses before anything runs: a scenario runs when its name or a result it can give
 * matches; every scenario runs when a summary matches (it is judged over every call).
 */
function selected(scenarios: readonly Scenario[], only: string | undefined): readonly Scenario[] {
  if (only === undefined || Object.values(SUMMARY_NAMES).some((name) => matchesOnly(name, only))) return scenarios;
  return scenarios.filter((s) => [s.name, ...s.gives].some((name) => matchesOnly(name, only)));
}

export async function runClientSuite(context: ScenarioContext, emit: (result: CheckResult) => void): Promise<void> {
  for (const scenario of selected(scenariosOf(context.vendor, context.runs), context.only)) {
    context.onScenario?.(scenario.name);
    const started = performance.now();
    try {
      const results = await scenario.run(context);
      for (const result of Array.isArray(results) ? results : [results]) emit({ evidence: scenario.evidence, ...result });
    } catch (error) {
      emit({ vendor: context.vendor.id, step: 'check-client', name: scenario.name, status: 'failed', durationMs: Math.round(performance.now() - started), evidence: scenario.evidence, message: `the scenario could not run: ${(error as Error).message}` });
    }
  }
  emit({ evidence: EVIDENCE.leaks, ...credentialStaysInItsHeader(context) });
  emit({ evidence: EVIDENCE.input, ...inputLeftAlone(context) });
}

/** Collected over every call: the credential in a rejection or in the client's own output is a leak. */
function credentialStaysInItsHeader(context: ScenarioContext): CheckResult {
  const name = SUMMARY_NAMES.leaks;
  if (context.leaks.length === 0) return { vendor: context.vendor.id, step: 'check-client', name, status: 'passed', durationMs: 0 };
  return { vendor: context.vendor.id, step: 'check-client', name, status: 'failed', durationMs: 0, message: `credential leaked in ${context.leaks.join(' and in ')}` };
}

/** Collected over every call: the caller's input belongs to the caller (the adapter interface, DESIGN.md). */
function inputLeftAlone(context: ScenarioContext): CheckResult {
  const name = SUMMARY_NAMES.input;
  if (context.inputChanges.length === 0) return { vendor: context.vendor.id, step: 'check-client', name, status: 'passed', durationMs: 0 };
  return { vendor: context.vendor.id, step: 'check-client', name, status: 'failed', durationMs: 0, message: `the client changed the input it was given: ${context.inputChanges.join('; ')}` };
}
