/** The client conformance suite of one vendor: every scenario, in a stable order. */
import { matchesOnly, type CheckResult } from '../../src/report/types.js';
import type { VendorModule } from '../../src/vendors/types.js';
import { adapterInterface, page, security, type Evidence } from '../../src/schemas/evidence.js';
import type { ScenarioContext } from './context.js';
import type { Findings } from './call-laws.js';
import { contractResultName, contractScenarios } from './contract.js';
import { ERROR_FORMS, ERROR_STATUSES, errorFormResultName, errorResultName, errorScenario, jsonErrorForm } from './errors.js';
import { generatedRequestsName, generatedRequestsScenario } from './generated-requests.js';
import { EXACT_RESPONSE_NAME, exactResponseScenario } from './responses.js';
import { crossOriginRedirectScenario, REDIRECT_STATUSES, redirectResultName } from './redirects.js';

export { BASE_PATH, type ScenarioContext } from './context.js';
export { callLaws } from './call-laws.js';

/** Where each scenario's rule comes from (its findings carry it; severity follows it). */
const EVIDENCE = {
  contract: (vendor: ScenarioContext['vendor']) => page(`${vendor.seedFile}: the documented method, path, auth header, query and body`),
  generated: (vendor: ScenarioContext['vendor']) => page(`${vendor.seedFile}: the documented request for every valid input (path parameters percent-encoded: RFC 3986 §3.3)`),
  response: adapterInterface('DESIGN.md: on a 2xx response updateDestination resolves with the parsed JSON body, unchanged'),
  errors: adapterInterface('DESIGN.md: on any other status it rejects with an Error that has status (number) and body (parsed JSON, or the text)'),
  redirects: security('a credential never leaves the configured origin (fetch keeps custom headers across origins: VENDOR-NOTES.md)'),
  leaks: security('a credential appears only in its documented header'),
  input: adapterInterface("DESIGN.md: the input is the caller's; a client that changes it changes what the caller holds"),
  counting: adapterInterface('DESIGN.md: one updateDestination call is one update request (a retry only after a failed answer; RFC 9110 §9.2.2 for non-idempotent methods)'),
  requests: (vendor: ScenarioContext['vendor']) => page(`${vendor.seedFile}: the documented request, on every call (the second update of a destination through one instance too)`),
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
  counting: 'one request per call, a second only after a failed answer',
  requests: 'every request of every call is the documented request for its input',
} as const;

function scenariosOf(module: VendorModule, runs: number): Scenario[] {
  const vendor = module.definition;
  return [
    { name: 'contract interactions', evidence: EVIDENCE.contract(vendor), gives: module.contract().interactions.map((i) => contractResultName(i.description)), run: contractScenarios },
    { name: 'generated requests', evidence: EVIDENCE.generated(vendor), gives: [generatedRequestsName(runs)], run: generatedRequestsScenario },
    { name: 'exact response body', evidence: EVIDENCE.response, gives: [EXACT_RESPONSE_NAME], run: exactResponseScenario },
    ...ERROR_STATUSES.map((status): Scenario => ({ name: `HTTP ${status}`, evidence: EVIDENCE.errors, gives: [errorResultName(status)], run: (c) => errorScenario(c, jsonErrorForm(status), errorResultName(status)) })),
    ...ERROR_FORMS.map((form): Scenario => ({ name: `HTTP ${form.status} ${form.form}`, evidence: EVIDENCE.errors, gives: [errorFormResultName(form)], run: (c) => errorScenario(c, form, errorFormResultName(form)) })),
    ...REDIRECT_STATUSES.map((status): Scenario => ({ name: `redirect ${status}`, evidence: EVIDENCE.redirects, gives: [redirectResultName(status)], run: (c) => crossOriginRedirectScenario(c, status) })),
  ];
}

/** Every name a check-client run of this vendor can give a result (what `--only` is matched against). */
export function clientCheckNames(vendor: VendorModule, runs: number): string[] {
  return [...scenariosOf(vendor, runs).flatMap((s) => [s.name, ...s.gives]), ...Object.values(SUMMARY_NAMES)];
}

/**
 * `--only` chooses before anything runs: a scenario runs when its name or a result it can give
 * matches; every scenario runs when a summary matches (it is judged over every call).
 */
function selected(scenarios: readonly Scenario[], only: string | undefined): readonly Scenario[] {
  if (judgesCallLaws(only)) return scenarios;
  return scenarios.filter((s) => [s.name, ...s.gives].some((name) => matchesOnly(name, only)));
}

/** Runs the vendor's scenarios (the laws over every call are judged afterwards: `judgeCallLaws`). */
export async function runClientScenarios(context: ScenarioContext, emit: (result: CheckResult) => void): Promise<void> {
  for (const scenario of selected(scenariosOf(context.module, context.runs), context.only)) {
    context.onScenario?.(scenario.name);
    const started = performance.now();
    try {
      const results = await scenario.run(context);
      for (const result of Array.isArray(results) ? results : [results]) emit({ evidence: scenario.evidence, ...result });
    } catch (error) {
      emit({ vendor: context.vendor.id, step: 'check-client', name: scenario.name, status: 'failed', durationMs: Math.round(performance.now() - started), evidence: scenario.evidence, message: `the scenario could not run: ${(error as Error).message}` });
    }
  }
}

/** Whether a run with this `--only` judges the laws over every call (and so waits for the quiet period). */
export function judgesCallLaws(only: string | undefined): boolean {
  return only === undefined || Object.values(SUMMARY_NAMES).some((name) => matchesOnly(name, only));
}

/**
 * A client may send a request after its call settled (a background read-back, a delayed duplicate):
 * the laws are judged only once every vendor's recorder has been quiet — QUIET_MS after the last
 * call settled and QUIET_GAP_MS after the last request arrived, QUIET_MAX_MS at most. A request sent
 * later than that is out of the run's view (README, "the call laws").
 */
export const QUIET_MS = 1000;
const QUIET_GAP_MS = 250;
const QUIET_MAX_MS = 3000;
export async function quietPeriod(contexts: readonly ScenarioContext[]): Promise<void> {
  const settled = contexts.map((c) => c.calls.lastSettledAt).filter((t): t is number => t !== undefined);
  if (settled.length === 0) return;
  const giveUpAt = performance.now() + QUIET_MAX_MS;
  const quietAt = () => {
    const lastRequest = Math.max(0, ...contexts.map((c) => c.recorder.answered.at(-1)?.at ?? 0));
    return Math.max(Math.max(...settled) + QUIET_MS, lastRequest + QUIET_GAP_MS);
  };
  for (let wait = quietAt() - performance.now(); wait > 0 && performance.now() < giveUpAt; wait = quietAt() - performance.now()) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(wait, giveUpAt - performance.now())));
  }
}

/** The laws judged over every call of the vendor's run (after `quietPeriod`). */
export function judgeCallLaws(context: ScenarioContext, emit: (result: CheckResult) => void): void {
  emit({ evidence: EVIDENCE.leaks, ...credentialStaysInItsHeader(context) });
  emit({ evidence: EVIDENCE.input, ...inputLeftAlone(context) });
  const { calls, counting, requests } = context.calls.findings();
  emit({ evidence: EVIDENCE.counting, ...summary(context, SUMMARY_NAMES.counting, calls, counting) });
  emit({ evidence: EVIDENCE.requests(context.vendor), ...summary(context, SUMMARY_NAMES.requests, calls, requests) });
}

/** A law over every call: failed on an error, a warning on a warning, skipped when no call reached the recorder. */
function summary(context: ScenarioContext, name: string, calls: number, findings: Findings): CheckResult {
  const result = (status: CheckResult['status'], message: string): CheckResult => ({ vendor: context.vendor.id, step: 'check-client', name, status, durationMs: 0, message });
  if (calls === 0) return result('skipped', 'no call reached the recording provider');
  if (findings.errors.length > 0) return result('failed', `${findings.errors.join('; ')} (over ${calls} calls)`);
  if (findings.warnings.length > 0) return result('warning', `${findings.warnings.join('; ')} (over ${calls} calls)`);
  return result('passed', `checked over ${calls} calls`);
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
