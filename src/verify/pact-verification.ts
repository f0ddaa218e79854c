/**
 * Pact verification of a provider with the official Pact core (its Rust verifier, through
 * pact-core). The core prints its own report on the process's stdout, so it runs in a child process
 * (`destconf __verify-pacts`, jobs sent on stdin) and the parent reads its structured results. The
 * child never holds the provider's credential: it talks to the parent's observing proxy
 * (./observing-proxy.ts), which puts the credential into the replayed requests (`replayHooks`) and
 * answers the core's provider-state calls.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DESTINATION_EXISTS, DESTINATION_EXISTS_IN_PROJECT, DESTINATION_MISSING } from '../contracts/states.js';
import { fromRoot } from '../util/paths.js';
import { interruptedBy, onInterrupt } from '../util/interrupt.js';
import { makeScratchDir } from '../util/scratch.js';
import type { BrokerAuth } from '../broker/client.js';
import type { VendorDefinition, VendorId } from '../vendors/types.js';
import { freshMissingId, type VerifyTarget } from './targets.js';

/** What the verifier child needs of the vendor, sent with the job: a vendor registered in the parent only is known there too. */
export type PactProvider = Pick<VendorDefinition, 'providerName' | 'auth' | 'recommendedHeaders'>;

/** A pact of the broker, by URL: fetched with the broker credential, its result published to the pact's own link. */
export interface BrokerPactSource {
  readonly url: string;
  readonly auth: BrokerAuth;
  readonly publish?: { readonly providerVersion: string; readonly providerBranch?: string };
}

/** What the verifier child needs of a target: where to send (the vendor, the credential and the ids stay in the parent). */
export type PactTarget = Pick<VerifyTarget, 'vendor' | 'baseUrl'> & {
  /** Where the core asks for provider states (the parent's proxy answers: `replayHooks`). */
  readonly providerStatesSetupUrl: string;
};

export interface PactJob {
  readonly target: PactTarget;
  readonly provider: PactProvider;
  /** A local pact file, or a pact of the broker. */
  readonly source: { readonly file: string } | { readonly broker: BrokerPactSource };
  readonly timeoutMs: number;
  /** Replay only the interactions whose description matches (a Rust regex: `verify --only`). */
  readonly descriptionFilter?: string;
  /** How many interactions the pact holds (bounds the verifier's run). */
  readonly interactions?: number;
}

export interface PactOutcome {
  readonly vendor: VendorId;
  /** The job's pact: its file or URL. */
  readonly pact: string;
  readonly description: string;
  readonly passed: boolean;
  readonly mismatches: readonly string[];
}

/** A job as sent to the verifier child: plain data, no credential (the vendor module, its credential and ids stay here). */
function forTheChild(job: PactJob): PactJob {
  const { vendor, baseUrl, providerStatesSetupUrl } = job.target;
  return { ...job, target: { vendor, baseUrl, providerStatesSetupUrl } };
}

/** What the child writes before each job, so that the core's log lines after it are known to be that job's. */
const JOB_MARK = '@@destconf-pact-job:';
export const UNPUBLISHED = 'the verification results reached the broker';

/**
 * The Pact core publishes results itself and only logs a refusal ("Publishing of verification results failed
 * with an error: … 401 Unauthorized"), verifying on as if it had published: a run that says nothing of it would
 * report a publication that did not happen. Each such log line becomes a failed outcome of its job.
 */
function watchPublication(stdout: NodeJS.ReadableStream, jobs: readonly PactJob[]): () => PactOutcome[] {
  const failures = new Map<number, string>();
  let job = 0;
  let pending = '';
  stdout.on('data', (chunk: Buffer) => {
    const lines = (pending + chunk.toString()).split('\n');
    pending = lines.pop()!.slice(-64 * 1024);
    for (const line of lines) {
      if (line.startsWith(JOB_MARK)) job = Number(line.slice(JOB_MARK.length));
      else if (/Publishing of verification results failed|Failed to (publish|push)/i.test(line) && !failures.has(job)) failures.set(job, line.replace(/^.*?(Publishing|Failed)/, '$1').trim().slice(0, 500));
    }
  });
  return () =>
    [...failures].flatMap(([index, line]) => {
      const failed = jobs[index];
      return failed ? [{ vendor: failed.target.vendor, pact: pactOf(failed), description: UNPUBLISHED, passed: false, mismatches: [`the Pact core could not publish this pact's results: ${line}`] }] : [];
    });
}

/** Parent side: runs the jobs in a child process and returns one outcome per interaction. */
export async function verifyPacts(jobs: readonly PactJob[]): Promise<PactOutcome[]> {
  if (jobs.length === 0 || interruptedBy()) return [];
  const scratch = makeScratchDir(tmpdir(), 'destconf-verify-');
  const dir = scratch.path;
  const resultFile = join(dir, 'results.json');
  try {
    // Node's own flags (e.g. --cpu-prof for a profile) reach the verifier too.
    const child = spawn(process.execPath, [...process.execArgv, fromRoot('bin/destconf'), '__verify-pacts'], {
      // stdout: the verifier's own report and the core's log, read only for what says publishing failed.
      stdio: ['pipe', 'pipe', 'pipe'],
      env: verifierEnvironment(process.env),
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const unpublished = watchPublication(child.stdout, jobs);
    child.stdin.end(JSON.stringify({ jobs: jobs.map(forTheChild), resultFile }));
    // Ctrl-C: no orphaned verifier, no temporary folder left behind.
    const stopCleanup = onInterrupt(() => void child.kill('SIGKILL'));
    // Bounded: every interaction within its timeout, plus the verifier's start and the broker's results.
    const boundMs = 30_000 + jobs.reduce((sum, job) => sum + ((job.interactions ?? 10) + 2) * job.timeoutMs, 0);
    let overran = false;
    const watchdog = setTimeout(() => {
      overran = true;
      child.kill('SIGKILL');
    }, boundMs);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearTimeout(watchdog);
    stopCleanup();
    if (overran) {
      const reason = `the Pact verifier did not finish within ${Math.round(boundMs / 1000)} s (a provider that stops answering, or a broker that does not take the results); stopped`;
      return jobs.map((j) => ({ vendor: j.target.vendor, pact: pactOf(j), description: 'pact verification', passed: false, mismatches: [reason] }));
    }
    try {
      return [...(JSON.parse(readFileSync(resultFile, 'utf8')) as PactOutcome[]), ...unpublished()];
    } catch {
      // Killed by an interrupt: no verdict, and no finding about the provider.
      if (interruptedBy()) return [];
      return jobs.map((j) => ({ vendor: j.target.vendor, pact: pactOf(j), description: 'pact verification', passed: false, mismatches: [verifierCrash(stderr, code)] }));
    }
  } finally {
    scratch.remove();
  }
}

/**
 * pact-js reads PACT_BROKER_BASE_URL, _TOKEN, _USERNAME, _PASSWORD and _PUBLISH_VERIFICATION_RESULTS from the
 * environment when its options leave them out: a CI job that exports them for `publish` would make a local replay
 * fetch the broker's pacts too, sending the broker credential unasked. The verifier gets only what it is handed.
 */
export function verifierEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const kept = Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith('PACT_BROKER_')));
  return { ...kept, PACT_DO_NOT_TRACK: 'true', SCARF_ANALYTICS: 'false' };
}

/**
 * The verifier's process ended without results: name the error it died of (its message line, not
 * the first line of a stack such as `file:///…/chunk-….mjs:1`), as a finding about the provider.
 */
export function verifierCrash(stderr: string, code: number | null): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  const message = lines.find((l) => /^(\w*Error|error)\b.*:/.test(l) || /^Error:/.test(l)) ?? lines.find((l) => !/^(file:|at |node:|\^|\d+ \|)/.test(l));
  return `the Pact verifier stopped on the provider's answers (${message ?? `exit code ${code}`})`;
}

/** Child side (`destconf __verify-pacts`): reads the jobs from stdin, writes outcomes to the result file. */
export async function runPactJobsFromStdin(): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const { jobs, resultFile } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { jobs: PactJob[]; resultFile: string };
  const outcomes: PactOutcome[] = [];
  for (const [index, job] of jobs.entries()) {
    // Pipes are written synchronously on POSIX: the mark reaches the parent before the core's lines of this job.
    process.stdout.write(`\n${JOB_MARK}${index}\n`);
    outcomes.push(...(await runPactJob(job)));
  }
  writeFileSync(resultFile, JSON.stringify(outcomes));
}

async function runPactJob(job: PactJob): Promise<PactOutcome[]> {
  const { target, provider: vendor } = job;
  const options = {
    provider: vendor.providerName,
    providerBaseUrl: target.baseUrl,
    providerStatesSetupUrl: target.providerStatesSetupUrl,
    logLevel: 'error' as const,
    timeout: job.timeoutMs,
    ...pactSourceOptions(job),
  };
  let json: string;
  // The core reads its interaction filter from the environment when the verification starts.
  if (job.descriptionFilter === undefined) delete process.env.PACT_DESCRIPTION;
  else process.env.PACT_DESCRIPTION = job.descriptionFilter;
  try {
    // Loaded here, in the verifier's child only, and the core's verifier alone: pact-js's Verifier adds an
    // express proxy (state handlers, request filters) that the parent's observing proxy does instead, and
    // costs 0.2 s of CPU a process to load.
    const { Verifier } = await import('@pact-foundation/pact-core/src/verifier/index.js');
    json = String(await new Verifier(options as ConstructorParameters<typeof Verifier>[0]).verify());
  } catch (error) {
    json = (error as Error).message;
  }
  return parseResults(target.vendor, json).map((outcome) => ({ ...outcome, pact: pactOf(job) }));
}

/** What the parent's proxy does for the verifier child: the credential into each replayed request, and the provider states. */
export interface ReplayHooks {
  /** Puts the credential where the pact has a placeholder, and the headers the vendor's material recommends. */
  readonly authorize: (headers: Record<string, string>) => void;
  /** The core's provider-state call (`{ state, params, action }`): the values its ProviderState generators use. */
  readonly providerState: (call: { state?: string; params?: Record<string, string>; action?: string }) => Promise<Record<string, string>>;
}

export function replayHooks(target: VerifyTarget, provider: PactProvider): ReplayHooks {
  // Well-formed, never the real one: what the pact's wrong-credential interactions send.
  const wrongCredential = `destconfwrong${randomBytes(16).toString('hex')}`;
  const header = provider.auth.header.toLowerCase();
  return {
    authorize(headers) {
      const value = headers[header];
      if (value !== undefined) {
        const credential = value.includes('WRONG_PLACEHOLDER') ? wrongCredential : target.credential;
        headers[header] = provider.auth.kind === 'bearer' ? `Bearer ${credential}` : credential;
      }
      for (const [name, recommended] of Object.entries(provider.recommendedHeaders ?? {})) headers[name.toLowerCase()] ??= recommended;
    },
    async providerState({ state, params, action }) {
      if (action === 'teardown') return {};
      const missing = state === DESTINATION_MISSING;
      if (!missing && state !== DESTINATION_EXISTS && state !== DESTINATION_EXISTS_IN_PROJECT) throw new Error(`unknown provider state: ${state}`);
      return stateValues(target, missing, params ?? {});
    },
  };
}

/** The file or URL of a job's pact. */
export function pactOf(job: PactJob): string {
  return 'file' in job.source ? job.source.file : job.source.broker.url;
}

/**
 * The verifier's source options. Only ever one pact, by file or URL: never `pactBrokerUrl`, which would make the
 * verifier fetch the broker's pacts by selectors on its own (the pacts are chosen, and named, in the parent).
 */
function pactSourceOptions(job: PactJob): Record<string, unknown> {
  if ('file' in job.source) return { pactUrls: [job.source.file] };
  const { url, auth, publish } = job.source.broker;
  return {
    pactUrls: [url],
    ...(auth.token ? { pactBrokerToken: auth.token } : {}),
    ...(auth.username ? { pactBrokerUsername: auth.username, pactBrokerPassword: auth.password } : {}),
    ...(publish ? { publishVerificationResult: true, providerVersion: publish.providerVersion, ...(publish.providerBranch ? { providerVersionBranch: publish.providerBranch } : {}) } : {}),
  };
}

async function stateValues(target: VerifyTarget, missing: boolean, params: Record<string, string>): Promise<Record<string, string>> {
  const values: Record<string, string> = { ...params };
  // Of the configured destination's form (e.g. a uuid), so that it reads as unknown, not malformed.
  if (missing) values.destinationId = freshMissingId(target.ids.destinationId ?? params.destinationId ?? '');
  if (target.stateUrl) {
    const state = missing ? DESTINATION_MISSING : DESTINATION_EXISTS;
    const response = await fetch(target.stateUrl, { method: 'POST', body: JSON.stringify({ vendor: target.vendor, state, params: values }) });
    if (!response.ok) throw new Error(`provider state setup failed: HTTP ${response.status}`);
    return asPathSegments((await response.json()) as Record<string, string>);
  }
  return asPathSegments(missing ? { ...target.ids, destinationId: values.destinationId! } : { ...target.ids });
}

/**
 * The core puts provider-state values into the pact's paths as they are: an id such as
 * `../../stitch/v3/destinations/1` or `1?x=#y` would send the credential to another endpoint. Every
 * value stands for one path segment (RFC 3986 §3.3), so it is percent-encoded, as the probes do
 * (a dot-segment id is refused where it is configured: no spelling of it survives a URL).
 */
function asPathSegments(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, encodeURIComponent(value)]));
}

interface VerifierJson {
  errors?: { interaction: string; mismatch?: { mismatches?: { mismatch?: string; path?: string; key?: string }[]; message?: string } }[];
  interactionResults?: { description: string; result: string }[];
}

export function parseResults(vendor: VendorId, json: string): Omit<PactOutcome, 'pact'>[] {
  let parsed: VerifierJson;
  try {
    parsed = JSON.parse(json) as VerifierJson;
  } catch {
    return [{ vendor, description: 'pact verification', passed: false, mismatches: [json.split('\n')[0] ?? 'the verifier failed'] }];
  }
  const results = parsed.interactionResults ?? [];
  if (results.length === 0) {
    const reason = parsed.errors?.[0]?.mismatch?.message ?? 'the verifier ran no interaction';
    return [{ vendor, description: 'pact verification', passed: false, mismatches: [reason] }];
  }
  return results.map((result) => {
    const errors = (parsed.errors ?? []).filter((e) => e.interaction.endsWith(` - ${result.description}`));
    const mismatches = errors.flatMap((e) =>
      e.mismatch?.mismatches?.map((m) => [m.path ?? m.key, m.mismatch].filter(Boolean).join(' -> ')) ?? [e.mismatch?.message ?? 'failed'],
    );
    return { vendor, description: result.description, passed: result.result === 'OK', mismatches };
  });
}
