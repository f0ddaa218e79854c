import type { ClientFactory } from '../../src/contracts/client.js';
import type { Recorder } from '../../src/client-check/recorder.js';
import type { CheckResult } from '../../src/report/types.js';
import { safeStringify, type Redactor } from '../../src/util/redact.js';
import { captureOutput } from '../../src/client-check/capture-output.js';
import { describeDifferences, jsonDifferences } from '../../src/client-check/json-diff.js';
import { secretIn } from '../../src/util/secret-forms.js';
import type { CallLaws } from './call-laws.js';
import type { VendorDefinition, VendorModule } from '../../src/vendors/types.js';

/** What every client scenario gets. */
export interface ScenarioContext {
  /** The vendor's definition (`module.definition`), and the vendor itself (its contract). */
  readonly vendor: VendorDefinition;
  readonly module: VendorModule;
  readonly factory: ClientFactory;
  readonly credentials: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  /** fast-check runs for generated scenarios, and their seed. */
  readonly runs: number;
  readonly seed: number;
  readonly recorder: Recorder;
  /** A second origin: where a redirect points, recording what reaches it. */
  readonly elsewhere: Recorder;
  readonly redactor: Redactor;
  /** Where the credential showed up outside its header: rejections, the client's own output. */
  readonly leaks: string[];
  /** Where the client changed the caller's input (after it settled, a tick later, by the next call). */
  readonly inputChanges: string[];
  /** The requests of every call against the recorder, judged by the call laws (./call-laws.ts). */
  readonly calls: CallLaws;
  /** Where the contract scenarios write the user's own pacts, and under which consumer name. */
  readonly pactOut?: { readonly dir: string; readonly consumer: string };
  /** `--only`: the scenarios (and contract interactions) to run, chosen before they run. */
  readonly only?: string;
  /** Told before each scenario starts (the supervising process names a crash or hang after it). */
  readonly onScenario?: (name: string) => void;
}

/** A check-client result of this vendor, timed from `started`. */
export function scenarioResult(context: ScenarioContext, name: string, status: CheckResult['status'], started: number, extra: Partial<CheckResult> = {}): CheckResult {
  return { vendor: context.vendor.id, step: 'check-client', name, status, durationMs: Math.round(performance.now() - started), ...extra };
}

/** The base URL given to clients driven against the recorder: an origin with a path prefix. */
export const BASE_PATH = '/base-prefix';

export type Settled = { resolved: unknown } | { rejected: { error: unknown; status?: unknown; body?: unknown } } | { timedOut: true };

/**
 * One client instance per base URL, reused across calls with different answers: a client that
 * caches per instance is caught, as in a user's application where one client serves many calls.
 */
const instances = new WeakMap<ScenarioContext, Map<string, ReturnType<ScenarioContext['factory']>>>();
function clientFor(context: ScenarioContext, baseUrl: string): ReturnType<ScenarioContext['factory']> {
  let byUrl = instances.get(context);
  if (!byUrl) instances.set(context, (byUrl = new Map()));
  let client = byUrl.get(baseUrl);
  if (!client) byUrl.set(baseUrl, (client = context.factory({ baseUrl, credentials: { ...context.credentials } })));
  return client;
}

/**
 * Calls the client, never waiting longer than the timeout, never letting it throw past here. The
 * client gets an input of its own, watched against a snapshot: the caller's input must be left
 * alone (when the call settles, a tick later, and when the next call starts), and a client that
 * mutates it cannot move what it is judged against.
 */
export async function callClient(context: ScenarioContext, baseUrl: string, input: Record<string, unknown>): Promise<Settled> {
  watchedInputs.get(context)?.();
  const recorded = baseUrl.startsWith(`${context.recorder.origin}/`);
  if (recorded) context.calls.start(context.recorder, input as Parameters<CallLaws['start']>[1]);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Settled>((resolve) => {
    timer = setTimeout(() => resolve({ timedOut: true }), context.timeoutMs);
  });
  const output = captureOutput();
  const given = structuredClone(input);
  const snapshot = structuredClone(input);
  try {
    const client = clientFor(context, baseUrl);
    const settled = await Promise.race([
      Promise.resolve()
        .then(() => client.updateDestination(given))
        .then(
          (resolved): Settled => ({ resolved }),
          (error: unknown): Settled => {
            const e = (error ?? {}) as { status?: unknown; body?: unknown };
            return { rejected: { error, status: e.status, body: e.body } };
          },
        ),
      timeout,
    ]);
    // A call that timed out is still the client's: what it sends later is still that call's.
    if (recorded && !('timedOut' in settled)) context.calls.settled();
    if ('rejected' in settled) noteLeak(context, 'the rejection', describeRejection(settled.rejected.error));
    noteInputChange(context, given, snapshot, 'when the call settled');
    await new Promise((tick) => setImmediate(tick));
    noteInputChange(context, given, snapshot, 'a tick after the call settled');
    watchedInputs.set(context, () => noteInputChange(context, given, snapshot, 'when the next call started'));
    return settled;
  } finally {
    clearTimeout(timer);
    noteLeak(context, 'what the client wrote to stdout/stderr', output.stop());
  }
}

/** The last call's input, checked once more when the next call starts. */
const watchedInputs = new WeakMap<ScenarioContext, () => void>();

function noteInputChange(context: ScenarioContext, given: unknown, snapshot: unknown, when: string): void {
  if (context.inputChanges.length >= 3) return;
  const changed = jsonDifferences(snapshot, given);
  if (changed.length > 0) context.inputChanges.push(`${describeDifferences(changed)} (${when})`);
}

/** Everything a rejection shows: its message, its stack, and every enumerable property (body included). */
function describeRejection(error: unknown, depth = 0): string {
  if (!(error instanceof Error)) return safeStringify(error);
  const own = `${error.message}\n${error.stack ?? ''}\n${safeStringify({ ...error })}`;
  if (depth >= 5) return own;
  // What a logger prints of it too: the cause chain, and an AggregateError's errors.
  const inner = [...('cause' in error ? [error.cause] : []), ...(error instanceof AggregateError ? error.errors : [])];
  return [own, ...inner.map((e) => describeRejection(e, depth + 1))].join('\n');
}

export function noteLeak(context: ScenarioContext, where: string, text: string): void {
  const secret = context.credentials[context.vendor.auth.credential];
  // Any spelling the redactor knows (encoded, base64 of the whole header line, partial): the shared detector.
  const how = secret ? secretIn(text, secret) : undefined;
  if (how && !context.leaks.some((l) => l.startsWith(where))) context.leaks.push(`${where} (${how})`);
}

export function describeSettled(settled: Settled): string {
  if ('timedOut' in settled) return 'did not settle';
  if ('resolved' in settled) return `resolved with ${safeStringify(settled.resolved).slice(0, 120)}`;
  const error = settled.rejected.error;
  return `rejected with ${error instanceof Error ? `${error.name}: ${error.message}` : safeStringify(error)}`;
}
