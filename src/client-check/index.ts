/**
 * `check-client`: run the client conformance suite on an adapter. The adapter runs in a child
 * process (./worker.ts), never here: an adapter that exits, crashes, hangs, loops or replaces
 * globals cannot end or fool the process that gives the verdict. The verdict is a pass only after
 * the child said the suite is complete; anything short of that is a failure naming the scenario
 * (exit 1), or an adapter that cannot be loaded (exit 2). Clients get random credentials, masked
 * in every result and in the adapter's own output, which is captured rather than printed.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { makeScratchDir, removeAbandoned, type ScratchDir } from '../util/scratch.js';
import { endGroup, signalGroup } from '../util/process-group.js';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { applyStrict, matchesOnly, shellQuote, type CheckResult } from '../report/types.js';
import { UsageError } from '../util/errors.js';
import { fromRoot } from '../util/paths.js';
import { interruptedBy, onInterrupt } from '../util/interrupt.js';
import { Redactor } from '../util/redact.js';
import { secretIn } from '../util/secret-forms.js';
import { security } from '../schemas/evidence.js';
import type { Catalogue } from '../vendors/catalogue.js';
import type { VendorId } from '../vendors/types.js';
import type { WorkerConfig, WorkerMessage } from './worker.js';
import { CHANNEL_LOST_EXIT } from './exit-codes.js';
import { WORKER_SCRATCH_PREFIX } from './worker-scratch.js';

export interface CheckClientOptions {
  /** The vendors the run knows (the composition root's); the adapter's keys and `vendor` are looked up in it. */
  readonly catalogue: Catalogue;
  readonly adapterPath: string;
  /** Only this vendor (the adapter must provide it); without `vendor` or `vendors`, every vendor the adapter provides. */
  readonly vendor?: VendorId;
  /** Only these vendors, in one adapter process (the adapter must provide each); not together with `vendor`. */
  readonly vendors?: readonly VendorId[];
  readonly timeoutMs?: number;
  readonly runs?: number;
  readonly seed?: number;
  /** Warnings (beyond the docs) fail too. */
  readonly strict?: boolean;
  /** Only the checks whose name contains this (any case). */
  readonly only?: string;
  /** Write the pacts of the user's client here (V4, one per vendor), only when the run passes. */
  readonly pactOut?: { readonly dir: string; readonly consumer: string };
  /** How long the adapter may take to load (default: 30 s, at least the call timeout). */
  readonly loadTimeoutMs?: number;
  readonly onResult?: (result: CheckResult) => void;
}

export interface CheckClientReport {
  readonly results: CheckResult[];
  /** What the adapter printed (stdout and stderr), credentials masked. */
  readonly adapterOutput: string;
  /** With pactOut: the pact files written (none when the run did not pass). */
  readonly pacts?: readonly string[];
}

/**
 * A child silent this long (no heartbeat) while it keeps burning CPU (a tenth of the time or more,
 * even on a loaded machine) is in a synchronous loop; one merely starved of CPU, waiting to be
 * scheduled, is not (it gets MAX_SILENCE_MS).
 */
const BUSY_SILENCE_MS = 15_000;
const MAX_SILENCE_MS = 60_000;
const MAX_CAPTURED_OUTPUT = 256 * 1024;

export async function checkClient(options: CheckClientOptions): Promise<CheckClientReport> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const { catalogue } = options;
  if (options.vendor !== undefined && options.vendors !== undefined) throw new UsageError('check-client takes vendor or vendors, not both');
  const wanted = options.vendors ?? (options.vendor ? [options.vendor] : undefined);
  // Nothing selected, nothing run (the adapter is not even loaded): the CLI makes it a usage error.
  if (options.only !== undefined && !(await selectsAnything(catalogue, options.only, wanted ?? catalogue.ids, options.runs ?? 50))) return { results: [], adapterOutput: '' };
  const redactor = new Redactor();
  const credentials: Record<string, Record<string, string>> = {};
  for (const vendor of catalogue.ids) {
    // Fully random (32 hex characters): a fixed prefix would let partial matches fire on ordinary words.
    const secret = randomBytes(16).toString('hex');
    redactor.add(secret);
    credentials[vendor] = { [catalogue.definition(vendor).auth.credential]: secret };
  }
  // The pacts are built aside, in the destination's folder (one file system, so the swap is a rename).
  const staging = options.pactOut ? makeScratchDir(options.pactOut.dir, '.destconf-building-') : undefined;
  const config: WorkerConfig = {
    adapterPath: resolve(options.adapterPath),
    shownPath: options.adapterPath,
    ...(wanted ? { vendors: [...wanted] } : {}),
    timeoutMs,
    runs: options.runs ?? 50,
    seed: options.seed ?? 20261123,
    credentials,
    ...(options.only ? { only: options.only } : {}),
    ...(options.pactOut && staging ? { pactOut: { dir: staging.path, consumer: options.pactOut.consumer } } : {}),
    token: randomBytes(16).toString('hex'),
  };
  // Node's own flags (e.g. --cpu-prof for a profile) reach the worker too.
  // A process group of its own: what the adapter starts (a wrapped binary) ends with it.
  const child = spawn(process.execPath, [...process.execArgv, fromRoot('bin/destconf'), '__check-client-worker'], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    serialization: 'advanced',
    env: { ...process.env, PACT_DO_NOT_TRACK: 'true', SCARF_ANALYTICS: 'false' },
  });
  let output = '';
  const capture = (chunk: Buffer) => {
    if (output.length < MAX_CAPTURED_OUTPUT) output += chunk.toString('utf8');
  };
  child.stdout!.on('data', capture);
  child.stderr!.on('data', capture);

  const results: CheckResult[] = [];
  const seed = config.seed;
  const emit = (result: CheckResult) => {
    const judged = applyStrict(result, options.strict ?? false);
    // A finding says how to see it again: the command for just this check, with its seed.
    const reproduce = `npx destconf check-client --adapter ${shellQuote(options.adapterPath)} --vendor ${judged.vendor} --only ${shellQuote(judged.name)} --seed ${seed}`;
    const safe = redactor.value(judged.status === 'failed' || judged.status === 'warning' ? { ...judged, reproduce } : judged);
    results.push(safe);
    options.onResult?.(safe);
  };
  let phase: 'loading' | 'running' | 'complete' = 'loading';
  let usage: string | undefined;
  let scenario: { vendor: VendorId; name: string } | undefined;
  let lastSign = Date.now();
  let killedFor: string | undefined;

  let forged = 0;
  child.on('message', (message: WorkerMessage & { token?: string }) => {
    lastSign = Date.now();
    if (message.type !== 'tick' && message.token !== config.token) {
      forged += 1;
      return;
    }
    if (message.type === 'usage') usage = message.message;
    else if (message.type === 'ready') phase = 'running';
    else if (message.type === 'scenario') scenario = { vendor: message.vendor, name: message.name };
    else if (message.type === 'result') emit(message.result);
    else if (message.type === 'complete') phase = 'complete';
  });
  child.send(config);
  // Ctrl-C: the adapter's process goes with ours.
  const stopCleanup = onInterrupt(() => signalGroup(child.pid, 'SIGKILL'));

  const loadTimeoutMs = options.loadTimeoutMs ?? Math.max(30_000, timeoutMs);
  const loadStarted = Date.now();
  let cpuAtLastSign = cpuMs(child.pid);
  child.on('message', () => (cpuAtLastSign = cpuMs(child.pid)));
  const verdict = (): string | undefined => {
    const idle = Date.now() - lastSign;
    const busy = (cpuMs(child.pid) ?? Number.POSITIVE_INFINITY) - (cpuAtLastSign ?? 0);
    if (phase === 'loading' && Date.now() - loadStarted > loadTimeoutMs) return `the adapter did not finish loading within ${loadTimeoutMs} ms`;
    if (phase === 'running' && ((idle > BUSY_SILENCE_MS && busy > idle / 10) || idle > MAX_SILENCE_MS)) return `its event loop was blocked for ${Math.round(idle / 1000)} s (a synchronous loop?)`;
    return undefined;
  };
  const watchdog = setInterval(() => {
    if (!verdict()) return;
    // Timers run before pending I/O: after this process was itself starved of CPU, heartbeats may
    // be waiting to be read. Judge again once they have been (setImmediate runs after the poll).
    setImmediate(() => {
      killedFor = verdict();
      if (killedFor) signalGroup(child.pid, 'SIGKILL');
    });
  }, 250);
  const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.on('exit', (code, signal) => done({ code, signal })));
  clearInterval(watchdog);
  stopCleanup();
  // The worker is gone; what the adapter started is given a moment to end, then ended. A worker killed (an
  // interrupt, a hang) left its scratch folder behind.
  await endGroup(child.pid);
  removeAbandoned(tmpdir(), WORKER_SCRATCH_PREFIX);

  const adapterOutput = redactor.text(output);
  for (const result of outputLeaks(catalogue, output, credentials, results, options.only)) emit(result);
  if (forged > 0) {
    emit({ vendor: wanted?.[0] ?? results[0]?.vendor ?? catalogue.ids[0]!, step: 'check-client', name: "the adapter leaves the suite's channel alone", status: 'failed', durationMs: 0, message: `the adapter sent ${forged} message(s) of its own on the suite's channel (process.send): ignored, and a finding` });
  }
  // Stopped by an interrupt: the worker was killed by us, which is no finding about the adapter.
  if (interruptedBy()) {
    staging?.remove();
    return { results, adapterOutput };
  }
  const pacts = staging ? adoptPacts(staging, options.pactOut!.dir, String(phase) === 'complete' && !results.some((r) => r.status === 'failed')) : undefined;
  if (usage !== undefined) throw new UsageError(redactor.text(usage));
  if (phase === 'loading') {
    throw new UsageError(`cannot load adapter ${options.adapterPath}: ${killedFor ?? `the adapter ended the process while loading (${describeExit(exit)})`}`);
  }
  if (phase !== 'complete') {
    const where = scenario ? `${scenario.vendor}: ${scenario.name}` : 'the start of the suite';
    emit({
      vendor: scenario?.vendor ?? wanted?.[0] ?? catalogue.ids[0]!,
      step: 'check-client',
      name: `the suite ran to completion (stopped in ${where})`,
      status: 'failed',
      durationMs: 0,
      message: killedFor
        ? `the adapter hung in ${where}: ${killedFor}; stopped`
        : `the adapter ended the suite's process in ${where} (${describeExit(exit)}): no verdict for the rest of the run`,
    });
  }
  return { results, adapterOutput, ...(pacts ? { pacts } : {}) };
}

export const OUTPUT_LEAK_NAME = "the credential never shows in anything the adapter's process wrote";

/**
 * Everything the adapter's process wrote, read here in the suite's own process (which the adapter cannot
 * tamper with): a credential written past the capture of process.stdout.write (fs.writeSync(1, …) as pino
 * does, process._rawDebug, a child process's output) is a leak too. Said only where the worker's own
 * check did not already fail the vendor for it.
 */
function outputLeaks(catalogue: Catalogue, output: string, credentials: Record<string, Record<string, string>>, results: readonly CheckResult[], only: string | undefined): CheckResult[] {
  if (!matchesOnly(OUTPUT_LEAK_NAME, only)) return [];
  return catalogue.ids.flatMap((vendor): CheckResult[] => {
    const secret = credentials[vendor]?.[catalogue.definition(vendor).auth.credential];
    const how = secret ? secretIn(output, secret) : undefined;
    const known = results.some((r) => r.vendor === vendor && r.status === 'failed' && /credential/.test(r.name));
    if (!how || known || !results.some((r) => r.vendor === vendor)) return [];
    return [{ vendor, step: 'check-client', name: OUTPUT_LEAK_NAME, status: 'failed', durationMs: 0, evidence: security('a credential appears only in its documented header'), message: `the adapter's process wrote the ${vendor} credential (${how}) to its output, past what the suite captures (fs.writeSync, process._rawDebug or a child process)` }];
  });
}

/** A passing run's pacts replace those in `dir`; a failing run writes none. */
function adoptPacts(staging: ScratchDir, dir: string, passed: boolean): string[] {
  try {
    if (!passed) return [];
    return readdirSync(staging.path).map((file) => {
      renameSync(join(staging.path, file), join(dir, file));
      return join(dir, file);
    });
  } finally {
    staging.remove();
  }
}

/** CPU time a process has used (Linux /proc), or undefined where that cannot be read. */
function cpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}
const CLOCK_TICKS = 100;

function describeExit(exit: { code: number | null; signal: NodeJS.Signals | null }): string {
  if (exit.code === CHANNEL_LOST_EXIT) return "it cut the suite's channel to its process: process.disconnect()";
  return exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code}`;
}

/**
 * Whether a `--only` pattern names any check these vendors can give. The suite (its arbitraries, built when
 * loaded) is the adapter process's to load: here only for `--only`.
 */
async function selectsAnything(catalogue: Catalogue, only: string, vendors: readonly VendorId[], runs: number): Promise<boolean> {
  const { clientCheckNames } = await import('../../suites/client/index.js');
  return vendors.some((vendor) => clientCheckNames(catalogue.module(vendor), runs).some((name) => matchesOnly(name, only)));
}
