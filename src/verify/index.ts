/**
 * `verify`: replay the committed pacts against a provider (the bundled sandbox by default) and
 * probe what pacts cannot pin: the full response schema and drift, auth and body refusal, secret
 * echoes, PATCH / updateMask / PUT semantics. No credential reaches a result.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { documentedExample, consumerName, DEFAULT_CONSUMER, pactFileName } from '../contracts/index.js';
import { applyStrict, matchesOnly, shellQuote, type CheckResult } from '../report/types.js';
import { startSandbox, type SandboxOptions } from '../sandbox/server.js';
import { Redactor } from '../util/redact.js';
import { interruptedBy, onInterrupt } from '../util/interrupt.js';
import { once } from '../util/once.js';
import { fromRoot } from '../util/paths.js';
import type { Catalogue } from '../vendors/catalogue.js';
import type { VendorDefinition, VendorId } from '../vendors/types.js';
import { page, vendorMaterial } from '../schemas/evidence.js';
import { pactOf, replayHooks, UNPUBLISHED, verifyPacts, type PactJob, type PactOutcome, type PactProvider } from './pact-verification.js';
import { brokerPactsFor, type BrokerVerification } from './broker-pacts.js';
import type { BrokerPact } from '../broker/pacts-for-verification.js';
import { observingProxy, REQUESTS_PER_PROXIED_ANSWER, type ObservingProxy } from './observing-proxy.js';
import { probeContext, ProbeSkipped, type Probe, type ProbeContext, type ProbeOptions } from '../../suites/provider/probe.js';
import { descriptionFilter, pactRequests, selectChecks, type VerifySelection } from './selection.js';
import { networkReason, unreachableReason } from '../util/network.js';
import { guardDestination, restoreFinding, unreadable, type DestinationGuard } from './restore.js';
import { probesFor } from '../../suites/provider/index.js';
import { isSkipped, liveTarget, sandboxTarget, type SkippedTarget, type VerifyTarget } from './targets.js';

export interface VerifyOptions {
  /** The vendors the run knows (the composition root's); `vendors` are looked up in it. */
  readonly catalogue: Catalogue;
  readonly vendors: readonly VendorId[];
  /** A provider base URL; without it the bundled sandbox is started. */
  readonly baseUrl?: string;
  /** With baseUrl: append `/<vendor>` to it (the sandbox layout), or use it as is (one vendor). */
  readonly perVendorPrefix?: boolean;
  readonly strict?: boolean;
  readonly timeoutMs?: number;
  readonly env?: NodeJS.ProcessEnv;
  readonly pactDir?: string;
  /** Replay the broker's pacts (chosen by selectors, or one by URL) instead of local ones; publish the results if asked. */
  readonly broker?: BrokerVerification;
  /** Only the checks whose name contains this (any case). */
  readonly only?: string;
  /** Live destinations: probes may send secrets (a throwaway destination). */
  readonly allowSecretWrites?: boolean;
  /** Live PUT vendors without a restore file: overwrite the destination anyway. */
  readonly allowOverwrite?: boolean;
  /** Options of the sandbox started when there is no baseUrl (tests start mutant providers this way). */
  readonly sandbox?: Omit<SandboxOptions, 'vendors'>;
  readonly onResult?: (result: CheckResult) => void;
}

export interface VerifyReport {
  readonly results: readonly CheckResult[];
  readonly skipped: readonly SkippedTarget[];
}

export async function verify(options: VerifyOptions): Promise<VerifyReport> {
  const env = options.env ?? process.env;
  // Chosen before anything starts: a pattern that selects nothing never reaches a provider.
  const pactDir = options.pactDir ?? fromRoot('contracts/pacts');
  // The broker's pacts are asked for first: its trouble is a usage error before any provider is contacted.
  const brokerPacts = options.broker ? await brokerPactsFor(options.broker, options.vendors.map((v) => options.catalogue.definition(v))) : undefined;
  // With --pact-url, the run is about that pact's provider alone.
  const vendors = (brokerPacts ? options.vendors.filter((v) => brokerPacts.has(v)) : options.vendors).map((v) => options.catalogue.module(v));
  const selection = selectChecks(
    options.only,
    vendors.flatMap((vendor) => probesFor(vendor)),
    vendors.flatMap((vendor): (string | readonly string[])[] => (brokerPacts ? (brokerPacts.get(vendor.definition.id) ?? []).map((pact) => pact.interactions) : [pactFileFor(vendor.definition, pactDir)])),
  );
  if (!selection) return { results: [], skipped: [] };
  const sandbox = options.baseUrl ? undefined : await startSandbox({ vendors: options.catalogue.modules, ...options.sandbox });
  try {
    const resolved = vendors.map((vendor) =>
      sandbox
        ? sandboxTarget(vendor, sandbox.url, documentedExample(vendor).params)
        : liveTarget(vendor, options.perVendorPrefix ? `${options.baseUrl!.replace(/\/+$/, '')}/${vendor.definition.id}` : options.baseUrl!, env, { allowOverwrite: options.allowOverwrite ?? false }),
    );
    const targets = resolved.filter((t): t is VerifyTarget => !isSkipped(t));
    const skipped = resolved.filter(isSkipped);
    const brokerAuth = options.broker?.broker.auth ?? {};
    const redactor = new Redactor().add(...targets.flatMap((t) => [t.credential, ...(t.secrets ?? [])]), brokerAuth.token).addBasicAuth(brokerAuth.username, brokerAuth.password);
    const results: CheckResult[] = [];
    const emit = (result: CheckResult) => {
      // Findings say how to see them again: the command for just this check, and the request.
      if (!matchesOnly(result.name, options.only) && !result.name.startsWith('restore:')) return;
      // After an interrupt only the restore is news: the rest would be verdicts on a run cut short.
      if (interruptedBy() && !result.name.startsWith('restore:')) return;
      const safe = redactor.value(result.status === 'failed' || result.status === 'warning' ? { ...result, reproduce: result.reproduce ?? reproduceVerify(result, options) } : result);
      results.push(safe);
      options.onResult?.(safe);
    };
    for (const s of skipped) emit({ vendor: s.vendor, step: 'verify', name: 'verification', status: 'skipped', durationMs: 0, message: s.skipped });
    const timeoutMs = options.timeoutMs ?? 10_000;
    const probeOptions = { strict: options.strict ?? false, timeoutMs, redactor, allowSecretWrites: options.allowSecretWrites ?? false };
    // A live provider that cannot be reached gets one finding, not one timeout per check.
    const reachable: VerifyTarget[] = [];
    for (const target of targets) {
      const unreachable = target.live ? await unreachableReason(target.baseUrl, timeoutMs) : undefined;
      if (unreachable) emit({ vendor: target.vendor, step: 'verify', name: 'the provider can be reached', status: 'failed', durationMs: 0, message: `cannot reach ${new URL(target.baseUrl).origin}: ${unreachable}` });
      else reachable.push(target);
    }
    // Live destinations: learn their state before anything is sent, to leave them as found.
    const contexts = new Map(reachable.map((target) => [target.vendor, probeContext(target, probeOptions)]));
    const guards = new Map<VendorId, DestinationGuard | undefined>();
    for (const target of reachable) {
      const guard = await guardDestination(target, contexts.get(target.vendor)!, options.allowOverwrite ?? false).catch((error: Error) =>
        unreadable(target, networkReason(error, timeoutMs), options.allowOverwrite ?? false),
      );
      // Restored once, whoever asks first: the end of the run, or an interrupt.
      guards.set(target.vendor, guard && { ...guard, restore: once(() => guard.restore()) });
      if (guard?.start) emit(guard.start);
    }
    const stopRestoringOnInterrupt = onInterrupt(() => restoreOnInterrupt(reachable, contexts, guards, emit), INTERRUPT_RESTORE_MS);
    // No read, no write: a destination whose state is unknown gets no probe and no pact replay.
    const blocked = (target: VerifyTarget) => guards.get(target.vendor)?.blocked;
    // A refusal applied late shows in a read after it (law 2): each provider's state once more after its
    // probes (while the next provider's run), before the Pact replay's provider states can reset it.
    const lastLooks: Promise<void>[] = [];
    for (const target of reachable) {
      if (blocked(target)) emitSkippedProbes(target, blocked(target)!, emit);
      else {
        await runProbes(target, { ...probeOptions, select: selection.probe }, emit, contexts.get(target.vendor));
        if (!interruptedBy()) lastLooks.push(contexts.get(target.vendor)!.lastLook());
      }
    }
    await Promise.all(lastLooks);
    // One verifier child for every vendor: starting the Pact core dominates the cost. A provider the
    // probes gave up on (no answer, resets) is not replayed: its verdict is already given.
    for (const target of reachable.filter(blocked)) emit({ vendor: target.vendor, step: 'verify', name: 'pact: verification', status: 'skipped', durationMs: 0, message: blocked(target)! });
    const answering = reachable.filter((target) => !contexts.get(target.vendor)!.gaveUp() && !blocked(target));
    // Interrupted during the probes: no verifier is started (it would outlive the run).
    const pactResults = interruptedBy() ? [] : await verifyAllPacts(answering, contexts, { ...options, timeoutMs, pactDir, selection, ...(brokerPacts ? { brokerPacts } : {}) });
    // A refusal of the replay applied late: every live destination once more, before the laws and the restore.
    if (!interruptedBy()) await Promise.all(answering.map((target) => contexts.get(target.vendor)!.lastLookAfterReplay()));
    for (const target of reachable) {
      const gaveUp = contexts.get(target.vendor)!.gaveUp();
      if (gaveUp) emit({ vendor: target.vendor, step: 'verify', name: 'pact: verification', status: 'skipped', durationMs: 0, message: `not replayed: the provider stopped answering (${gaveUp})` });
      for (const result of pactResults.filter((r) => r.vendor === target.vendor)) emit(result);
      // The laws, over every answer: the probes', the guard's reads and the Pact replay's.
      if (!blocked(target)) emitLaws(target, contexts.get(target.vendor)!, emit, options.strict ?? false);
      const guard = guards.get(target.vendor);
      // Interrupted: the signal's handler restores and says so.
      if (guard && !interruptedBy()) emit(await restoreOf(target, guard));
    }
    stopRestoringOnInterrupt();
    return { results, skipped };
  } finally {
    await sandbox?.close();
  }
}

async function verifyAllPacts(
  targets: readonly VerifyTarget[],
  contexts: ReadonlyMap<VendorId, ProbeContext>,
  options: ReplayOptions,
): Promise<CheckResult[]> {
  // The replay goes through an observing proxy per provider: its answers are judged by the laws too, and it
  // holds the credential and the provider states (the verifier's process never sees them).
  const proxies = await Promise.all(
    targets.map((target) => observingProxy(target.baseUrl, options.timeoutMs, replayHooks(target, pactProviderOf(target)), (request, answer) => contexts.get(target.vendor)!.observe(request, answer))),
  );
  try {
    return await replayPacts(targets.map((target, i) => ({ target, proxy: proxies[i]! })), { ...options, contexts });
  } finally {
    await Promise.all(proxies.map((proxy) => proxy.close()));
  }
}

/** What the verifier needs of the vendor. */
function pactProviderOf(target: VerifyTarget): PactProvider {
  const { providerName, auth, recommendedHeaders } = target.module.definition;
  return { providerName, auth, ...(recommendedHeaders ? { recommendedHeaders } : {}) };
}

type ReplayOptions = VerifyOptions & { timeoutMs: number; pactDir: string; selection: VerifySelection; brokerPacts?: ReadonlyMap<VendorId, readonly BrokerPact[]>; contexts?: ReadonlyMap<VendorId, ProbeContext> };

async function replayPacts(replays: readonly { target: VerifyTarget; proxy: ObservingProxy }[], options: ReplayOptions): Promise<CheckResult[]> {
  const started = performance.now();
  const targets = replays.map((r) => r.target);
  const planned = replays.map(({ target, proxy }) => jobsOf(target, proxy, options));
  const jobs: PactJob[] = planned.flatMap((p) => p.jobs);
  // A missing pact file is said plainly, not as the verifier's error about a path.
  const missing = jobs.filter((job) => 'file' in job.source && !existsSync(job.source.file));
  const outcomes: PactOutcome[] = [
    ...missing.map((job) => ({
      vendor: job.target.vendor,
      pact: pactOf(job),
      description: 'pact verification',
      passed: false,
      mismatches: [`no pact of ${job.provider.providerName} in ${dirname(pactOf(job))} (looked for ${basename(pactOf(job))}, and under the consumer name of DESTCONF_CONSUMER_NAME): write one with \`destconf contracts\`, or with \`destconf check-client --pact-out\` and replay it with --pacts`],
    })),
    ...(await verifyPacts(jobs.filter((job) => !missing.includes(job)))),
  ];
  const each = Math.round((performance.now() - started) / Math.max(outcomes.length, 1));
  const brokerPactAt = new Map([...(options.brokerPacts?.values() ?? [])].flat().map((pact) => [pact.url, pact]));
  return [
    ...planned.flatMap((p) => p.skipped),
    ...targets.flatMap((target) => (options.brokerPacts?.get(target.vendor)?.length === 0 ? [noBrokerPact(target, options.broker!)] : [])),
    ...outcomes.map((outcome) => pactResult(outcome, each, brokerPactAt.get(outcome.pact), options)),
  ];
}

/**
 * The verifier's jobs for one provider: its local pact, or each of its broker pacts, with what --only selected.
 * On a live destination an interaction whose request carries a secret is not replayed (a stored secret cannot be
 * read back, so its overwrite cannot be undone) unless the user says the destination may take it.
 */
function jobsOf(target: VerifyTarget, proxy: ObservingProxy, options: ReplayOptions): { jobs: PactJob[]; skipped: CheckResult[] } {
  const provider = pactProviderOf(target);
  const through = { vendor: target.vendor, baseUrl: proxy.baseUrl, providerStatesSetupUrl: proxy.stateUrl };
  const skipped: CheckResult[] = [];
  const job = (source: PactJob['source'], requests: readonly { description: string; body: unknown }[], selected: readonly string[] | undefined, of = ''): PactJob[] => {
    // The same rule as the probes': a request the destination's guard would not send (a secret, a field the restore cannot put back).
    const context = target.live ? options.contexts?.get(target.vendor) : undefined;
    const refusals = new Map(requests.filter((r) => selected === undefined || selected.includes(r.description)).flatMap((r) => {
      const why = context?.writeRefusal(r.body);
      return why ? [[r.description, why] as const] : [];
    }));
    const withheld = [...refusals.keys()];
    for (const [description, why] of refusals) skipped.push({ vendor: target.vendor, step: 'verify', name: `pact: ${description}${of}`, status: 'skipped', durationMs: 0, message: why });
    const interactions = withheld.length === 0 ? selected : (selected ?? requests.map((r) => r.description)).filter((d) => !withheld.includes(d));
    return interactions?.length === 0 ? [] : [{ target: through, provider, source, timeoutMs: options.timeoutMs * REQUESTS_PER_PROXIED_ANSWER, interactions: requests.length || 10, ...(interactions ? { descriptionFilter: descriptionFilter(interactions) } : {}) }];
  };
  const fromBroker = options.brokerPacts?.get(target.vendor);
  if (!fromBroker) {
    const file = pactFileFor(target.module.definition, options.pactDir);
    return { jobs: job({ file }, target.live ? pactRequests(file) : [], options.selection.interactions(file)), skipped };
  }
  const { broker, publish } = options.broker!;
  const jobs = fromBroker.flatMap((pact) => job({ broker: { url: pact.url, auth: broker.auth, ...(publish ? { publish } : {}) } }, pact.requests, options.selection.interactions(pact.interactions), consumerOf(pact)));
  return { jobs, skipped };
}

/** How a broker pact's findings name it: ` (consumer version)`. */
const consumerOf = (pact: BrokerPact) => ` (${pact.consumer}${pact.consumerVersion ? ` ${pact.consumerVersion}` : ''})`;

/** The broker did not take a pact's results: a failure of the run's promise to publish, never of the provider (nor pending). */
function unpublishedResult(outcome: PactOutcome, brokerPact: BrokerPact | undefined): CheckResult {
  return {
    vendor: outcome.vendor,
    step: 'verify',
    name: `pact: ${outcome.description}${brokerPact ? consumerOf(brokerPact) : ''}`,
    status: 'failed',
    durationMs: 0,
    evidence: vendorMaterial("Pact Broker: a pact's verification result is recorded by the POST to its pb:publish-verification-results link; --publish-verification-results promises it"),
    message: `${outcome.mismatches.join('; ')}; the broker has no result of this run for it (can-i-deploy cannot count it): rerun verify with --publish-verification-results once the broker takes it`,
  };
}

function pactResult(outcome: PactOutcome, durationMs: number, brokerPact: BrokerPact | undefined, options: ReplayOptions): CheckResult {
  if (outcome.description === UNPUBLISHED) return unpublishedResult(outcome, brokerPact);
  const of = brokerPact ? consumerOf(brokerPact) : '';
  // A pending pact's failure does not fail the build (Pact's rule): the provider has not verified it yet.
  const pending = brokerPact?.pending && !outcome.passed;
  const message = outcome.mismatches.join('; ');
  return {
    vendor: outcome.vendor,
    step: 'verify',
    name: `pact: ${outcome.description}${of}`,
    status: outcome.passed ? 'passed' : pending ? 'warning' : 'failed',
    durationMs,
    evidence: page(`${options.catalogue.definition(outcome.vendor).seedFile}: the interaction pins what the page documents (the request, the response's required fields by type, the error status ranges)`),
    ...(outcome.passed ? {} : { message: pending ? `pending pact${brokerPact.wip ? ' (work in progress)' : ''}, so not an error until the provider has verified it once: ${message}` : message }),
    ...(brokerPact && !outcome.passed ? { reproduce: reproduceBrokerPact(outcome, brokerPact, options) } : {}),
  };
}

function noBrokerPact(target: VerifyTarget, source: BrokerVerification): CheckResult {
  const chosen = source.pactUrl ? `at ${source.pactUrl}` : `matching the consumer version selectors ${JSON.stringify(source.query.selectors)}`;
  return { vendor: target.vendor, step: 'verify', name: 'pact: verification', status: 'skipped', durationMs: 0, message: `the broker at ${source.broker.url} has no pact for ${target.module.definition.providerName} ${chosen}` };
}

/** A broker pact's finding is rerun on that pact alone, by its URL (nothing is published from a rerun). */
function reproduceBrokerPact(outcome: PactOutcome, pact: BrokerPact, options: ReplayOptions): string {
  const baseUrl = options.baseUrl ? ` --base-url ${shellQuote(options.perVendorPrefix ? `${options.baseUrl.replace(/\/+$/, '')}/${outcome.vendor}` : options.baseUrl)}` : '';
  const only = outcome.description === 'pact verification' ? '' : ` --only ${shellQuote(outcome.description)}`;
  return `npx destconf verify --vendor ${outcome.vendor}${baseUrl} --broker-url ${shellQuote(options.broker!.broker.url)} --pact-url ${shellQuote(pact.url)}${only}`;
}

/** The pact of a provider: under the configured consumer name, else the project's own. */
export function pactFileFor(vendor: VendorDefinition, dir: string): string {
  const provider = vendor.providerName;
  const preferred = join(dir, pactFileName(consumerName(), provider));
  return existsSync(preferred) ? preferred : join(dir, pactFileName(DEFAULT_CONSUMER, provider));
}

/** The command that reruns just this check of verify. */
function reproduceVerify(result: CheckResult, options: VerifyOptions): string {
  const baseUrl = options.baseUrl ? ` --base-url ${shellQuote(options.perVendorPrefix ? `${options.baseUrl.replace(/\/+$/, '')}/${result.vendor}` : options.baseUrl)}` : '';
  return `npx destconf verify --vendor ${result.vendor}${baseUrl} --only ${shellQuote(result.name.replace(/^(probe|pact): /, ''))}`;
}

const restoreOf = (target: VerifyTarget, guard: DestinationGuard) => guard.restore().catch((error: Error) => restoreFinding(target, 'failed', `the restore failed: ${error.message}`));

/** How long an interrupt may spend putting live destinations back (two requests each) before the run ends anyway. */
const INTERRUPT_RESTORE_MS = 30_000;

/**
 * Ctrl-C or SIGTERM during a live run: no further probe is sent, every destination read at the start is put back
 * (bounded), and what could not be put back in time is named: the user is never left guessing what was changed.
 */
async function restoreOnInterrupt(targets: readonly VerifyTarget[], contexts: ReadonlyMap<VendorId, ProbeContext>, guards: ReadonlyMap<VendorId, DestinationGuard | undefined>, emit: (r: CheckResult) => void): Promise<void> {
  for (const context of contexts.values()) context.halt('not sent: the run was interrupted');
  const live = targets.filter((target) => guards.get(target.vendor));
  if (live.length === 0) return;
  const pending = new Set(live.map((target) => target.vendor));
  const restoring = (async () => {
    for (const target of live) {
      const result = await restoreOf(target, guards.get(target.vendor)!);
      pending.delete(target.vendor);
      emit(result);
    }
  })();
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([restoring, new Promise((resolve) => (timer = setTimeout(resolve, INTERRUPT_RESTORE_MS - 1000)))]);
  clearTimeout(timer);
  for (const vendor of pending) emit(restoreFinding(live.find((t) => t.vendor === vendor)!, 'failed', 'the run was interrupted and the restore did not finish in time: the destination may be left changed'));
  const restored = live.filter((t) => !pending.has(t.vendor)).map((t) => t.vendor);
  process.stderr.write(`destconf: interrupted; ${restored.length > 0 ? `put back before stopping: ${restored.join(', ')}` : 'nothing could be put back'}${pending.size > 0 ? `; NOT put back (may be left changed): ${[...pending].join(', ')}` : ''}\n`);
}

/** The laws observed on every answer of the run: the probes', the guard's reads and the Pact replay's. */
function emitLaws(target: VerifyTarget, context: ProbeContext, emit: (r: CheckResult) => void, strict: boolean): void {
  for (const law of context.lawResults()) {
    emit(applyStrict({ vendor: target.vendor, step: 'verify', name: law.name, status: law.status, durationMs: 0, evidence: law.evidence, message: law.message, ...(law.curl ? { curl: law.curl } : {}), ...(law.actual === undefined ? {} : { actual: law.actual }), ...(law.drift ? { drift: law.drift } : {}) }, strict));
  }
}

function emitSkippedProbes(target: VerifyTarget, reason: string, emit: (r: CheckResult) => void): void {
  for (const probe of probesFor(target.module)) emit({ vendor: target.vendor, step: 'verify', name: `probe: ${probe.name}`, status: 'skipped', durationMs: 0, message: reason });
}

export async function runProbes(target: VerifyTarget, options: ProbeOptions & { select?: (probe: Probe) => boolean }, emit: (r: CheckResult) => void, context = probeContext(target, options)): Promise<void> {
  for (const probe of probesFor(target.module)) {
    if (options.select && !options.select(probe)) continue;
    const started = performance.now();
    let verdict;
    try {
      verdict = await probe.run(context);
    } catch (error) {
      if (error instanceof ProbeSkipped) {
        emit({ vendor: target.vendor, step: 'verify', name: `probe: ${probe.name}`, status: 'skipped', durationMs: Math.round(performance.now() - started), message: error.message });
        continue;
      }
      verdict = { status: 'failed' as const, message: `cannot reach the provider: ${networkReason(error, options.timeoutMs)}` };
    }
    emit(applyStrict({
      vendor: target.vendor,
      step: 'verify',
      name: `probe: ${probe.name}`,
      status: verdict.status,
      evidence: probe.evidence,
      durationMs: Math.round(performance.now() - started),
      ...(verdict.message ? { message: verdict.message } : {}),
      ...('expected' in verdict && verdict.expected !== undefined ? { expected: verdict.expected } : {}),
      ...('actual' in verdict && verdict.actual !== undefined ? { actual: verdict.actual } : {}),
      ...('drift' in verdict && verdict.drift ? { drift: verdict.drift } : {}),
      ...(verdict.status === 'failed' && context.lastCurl() ? { curl: context.lastCurl()! } : {}),
    }, options.strict));
  }
}
