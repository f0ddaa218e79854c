/**
 * The child side of `check-client` (`destconf __check-client-worker`): the user's adapter runs
 * here, never in the process that gives the verdict. It reports over IPC (structured clone, so
 * an adapter that replaces `JSON` cannot garble it): `ready`, a `scenario` before each scenario,
 * a `tick` per client call, each `result`, and `complete` at the very end. Anything else — an
 * exit, a crash, a hang — is judged by the parent (./index.ts).
 */
import { BASE_PATH, callLaws, judgeCallLaws, judgesCallLaws, QUIET_MS, quietPeriod, runClientScenarios, type ScenarioContext } from '../../suites/client/index.js';
import { matchesOnly, type CheckResult } from '../report/types.js';
import { UsageError } from '../util/errors.js';
import type { Catalogue } from '../vendors/catalogue.js';
import type { VendorId } from '../vendors/types.js';
import { loadAdapter, preflight } from './adapter.js';
import { Recorder } from './recorder.js';
import { CHANNEL_LOST_EXIT } from './exit-codes.js';
import { Redactor } from '../util/redact.js';

export interface WorkerConfig {
  readonly adapterPath: string;
  readonly shownPath: string;
  /** Only these vendors (each must be provided); without it, every vendor the adapter provides. */
  readonly vendors?: readonly VendorId[];
  readonly timeoutMs: number;
  readonly runs: number;
  readonly seed: number;
  /** Per vendor, the credentials the client is given (sent over IPC, never in argv or the environment). */
  readonly credentials: Readonly<Record<string, Record<string, string>>>;
  /** Only the checks whose name contains this (any case). */
  readonly only?: string;
  /** Write the pacts of the user's client here, under the user's consumer name. */
  readonly pactOut?: { readonly dir: string; readonly consumer: string };
  /** Marks the suite's own messages (see `send`). */
  readonly token: string;
}

export type WorkerMessage =
  | { type: 'ready'; vendors: VendorId[] }
  | { type: 'usage'; message: string }
  | { type: 'scenario'; vendor: VendorId; name: string }
  /** The heartbeat: the child's event loop is alive. */
  | { type: 'tick' }
  | { type: 'result'; result: CheckResult }
  | { type: 'complete' };

/** The globals the suite's own checks rely on: an adapter that replaces them is a finding, and they are put back. */
export const HEARTBEAT_MS = 500;


const GUARDED = ['JSON', 'fetch', 'setTimeout', 'clearTimeout', 'Promise', 'Error', 'URL', 'URLSearchParams', 'structuredClone'] as const;
/** The built-in methods the suite's detectors run on: an adapter replacing one (String.prototype.includes) could blind them. */
const GUARDED_METHODS: readonly (readonly [object, string, string])[] = [
  ...['includes', 'indexOf', 'split', 'replace', 'replaceAll', 'toLowerCase', 'startsWith'].map((name) => [String.prototype, name, 'String.prototype'] as const),
  ...['join', 'some', 'includes', 'filter', 'map'].map((name) => [Array.prototype, name, 'Array.prototype'] as const),
  ...['stringify', 'parse'].map((name) => [JSON, name, 'JSON'] as const),
  ...['keys', 'entries'].map((name) => [Object, name, 'Object'] as const),
];

export async function runCheckClientWorker(catalogue: Catalogue): Promise<void> {
  // Every message carries the run's token (handed over with the config): one the adapter sends itself
  // (process.send({ type: 'complete' })) is told apart, never taken for the suite's.
  const rawSend = process.send!.bind(process) as (message: WorkerMessage & { token: string }) => boolean;
  let token = '';
  const send = (message: WorkerMessage) => rawSend({ ...message, token });
  let finished = false;
  process.once('disconnect', () => {
    if (!finished) process.exit(CHANNEL_LOST_EXIT);
  });
  const originals = Object.fromEntries(GUARDED.map((name) => [name, (globalThis as Record<string, unknown>)[name]]));
  const originalMethods = GUARDED_METHODS.map(([owner, name]) => (owner as Record<string, unknown>)[name]);
  let current: { vendor: VendorId; name: string } | undefined;
  const stray = (kind: string) => (error: unknown) => {
    const where = current ? `${current.vendor}: ${current.name}` : 'loading the adapter';
    const result: CheckResult = {
      vendor: current?.vendor ?? catalogue.ids[0]!,
      step: 'check-client',
      name: `the adapter ${kind} (during ${where})`,
      status: 'failed',
      durationMs: 0,
      message: `${kind}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
    };
    send({ type: 'result', result });
  };
  // A heartbeat on the timers captured before the adapter loads: a blocked event loop stops it.
  // It also keeps the process alive while an adapter's import never settles (the parent's load
  // deadline then names it).
  const heartbeat = setInterval(() => send({ type: 'tick' }), HEARTBEAT_MS);
  process.on('uncaughtException', stray('threw outside a call (a timer or an event)'));
  process.on('unhandledRejection', stray('left a rejection unhandled'));

  const config = await new Promise<WorkerConfig>((resolve) => process.once('message', (m) => resolve(m as WorkerConfig)));
  token = config.token;
  let factories: Awaited<ReturnType<typeof loadAdapter>>;
  try {
    factories = await loadAdapter(catalogue, config.adapterPath, config.shownPath);
    const missing = config.vendors?.filter((vendor) => !factories.has(vendor)) ?? [];
    if (missing.length > 0) {
      throw new UsageError(`adapter ${config.shownPath} does not provide ${missing.join(', ')} (it provides ${[...factories.keys()].join(', ')})`);
    }
  } catch (error) {
    // Our own refusals say what is wrong; anything else the adapter threw is named as the adapter's.
    const message = error instanceof UsageError ? error.message : `cannot load adapter ${config.shownPath}: reading its exports threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
    send({ type: 'usage', message });
    return finish(heartbeat);
  }
  const vendors = catalogue.ids.filter((v) => factories.has(v) && (!config.vendors || config.vendors.includes(v)));
  const redactor = new Redactor().add(...vendors.flatMap((v) => Object.values(config.credentials[v] ?? {})));
  try {
    for (const vendor of vendors) preflight(config.shownPath, vendor, factories.get(vendor)!, config.credentials[vendor]!, (t) => redactor.text(t));
  } catch (error) {
    send({ type: 'usage', message: (error as Error).message });
    return finish(heartbeat);
  }
  send({ type: 'ready', vendors });

  const replaced = () => [
    ...GUARDED.filter((name) => (globalThis as Record<string, unknown>)[name] !== originals[name]),
    ...GUARDED_METHODS.filter(([owner, name], i) => (owner as Record<string, unknown>)[name] !== originalMethods[i]).map(([, name, shown]) => `${shown}.${name}`),
  ];
  const putBack = () => {
    Object.assign(globalThis, originals);
    GUARDED_METHODS.forEach(([owner, name], i) => ((owner as Record<string, unknown>)[name] = originalMethods[i]));
  };
  const reportReplaced = (vendor: VendorId, names: readonly string[]) =>
    send({ type: 'result', result: { vendor, step: 'check-client', name: 'the adapter leaves the runtime\'s globals alone', status: 'failed', durationMs: 0, message: `the adapter replaced the global ${names.join(', ')}: the suite's own checks cannot trust them (put back for the rest of the run)` } });
  const atLoad = replaced();
  putBack();

  // A recorder per vendor: a request one vendor's client sends late lands on its own vendor's recorder.
  const recorders = new Map(vendors.map((vendor) => [vendor, new Recorder()]));
  const elsewhere = new Recorder();
  const emit = (result: CheckResult) => {
    if (matchesOnly(result.name, config.only)) send({ type: 'result', result });
  };
  const contexts: ScenarioContext[] = [];
  try {
    for (const recorder of [...recorders.values(), elsewhere]) await recorder.start();
    for (const vendor of vendors) {
      if (atLoad.length > 0) reportReplaced(vendor, atLoad);
      const context: ScenarioContext = {
        vendor: catalogue.definition(vendor),
        module: catalogue.module(vendor),
        factory: factories.get(vendor)!,
        credentials: config.credentials[vendor]!,
        timeoutMs: config.timeoutMs,
        runs: config.runs,
        seed: config.seed,
        recorder: recorders.get(vendor)!,
        elsewhere,
        redactor,
        leaks: [],
        inputChanges: [],
        calls: callLaws(catalogue.definition(vendor), config.credentials[vendor]!, BASE_PATH),
        ...(config.pactOut ? { pactOut: config.pactOut } : {}),
        ...(config.only ? { only: config.only } : {}),
        onScenario: (name) => {
          current = { vendor, name };
          const changed = replaced();
          if (changed.length > 0) {
            putBack();
            reportReplaced(vendor, changed);
          }
          send({ type: 'scenario', vendor, name });
        },
      };
      contexts.push(context);
      await runClientScenarios(context, emit);
    }
    // The laws over every call, once what the clients send after their last call has arrived.
    if (judgesCallLaws(config.only)) {
      for (const context of contexts) context.onScenario?.(`the laws over every call (waiting up to ${QUIET_MS} ms after the last call for late requests)`);
      await quietPeriod(contexts);
      for (const context of contexts) judgeCallLaws(context, emit);
    }
  } finally {
    for (const recorder of [...recorders.values(), elsewhere]) await recorder.stop();
  }
  send({ type: 'complete' });
  finished = true;
  finish(heartbeat);
}

/** Stop the heartbeat and let the process end once the last message is out. */
function finish(heartbeat: NodeJS.Timeout): void {
  clearInterval(heartbeat);
  process.disconnect?.();
}
