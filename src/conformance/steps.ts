/**
 * The steps of `destconf conformance`, each for one vendor, each returning check results. They
 * reuse what the other commands run: nothing here is a second implementation. The two steps that
 * run in processes of their own (verify's Pact verifier, check-client's adapter process) run once
 * for all vendors, in the background while the in-process steps run (`startSharedSteps`): their
 * results name their vendor, so one run tells them apart, and a process started per vendor was most
 * of a run's time.
 */
import { existsSync, readFileSync } from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { makeScratchDir } from '../util/scratch.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import * as laws from '../../properties/laws.js';
import { checkClient } from '../client-check/index.js';
import { DEFAULT_CONSUMER, pactFileName } from '../contracts/index.js';
import { loadReferenceClients, referenceAdapterPath, referenceClientOf } from '../contracts/reference-client.js';
import { matchesOnly, type CheckResult, type Step } from '../report/types.js';
import { fromRoot } from '../util/paths.js';
import { validate } from '../validate/index.js';
import { buildFromInput } from '../builders/index.js';
import { verify } from '../verify/index.js';
import type { Catalogue } from '../vendors/catalogue.js';
import type { SchemaKind, VendorId, VendorModule } from '../vendors/types.js';

export const STEPS: readonly Step[] = ['fixtures', 'properties', 'contracts', 'verify', 'check-client'];

export interface StepOptions {
  /** The vendors the run knows: each step works on one of them. */
  readonly catalogue: Catalogue;
  readonly numRuns: number;
  readonly seed: number;
  /** `--only`: every step runs only its checks whose name contains this (any case), chosen before they run. */
  readonly only?: string;
}

/** The steps run in this process, one vendor at a time. */
export type LocalStep = 'fixtures' | 'properties' | 'contracts';
/** The steps run once for all vendors, in processes of their own. */
export type SharedStep = 'verify' | 'check-client';
export const isShared = (step: Step): step is SharedStep => step === 'verify' || step === 'check-client';

export async function runStep(step: LocalStep, vendor: VendorId, options: StepOptions): Promise<CheckResult[]> {
  const module = options.catalogue.module(vendor);
  switch (step) {
    case 'fixtures':
      return fixturesStep(module, options.only);
    case 'properties':
      return propertiesStep(module, options);
    case 'contracts':
      return contractsStep(module, options.only);
  }
}

/** A shared step's run: its results for every vendor, or why it could not run, and how long it took. */
export interface SharedRun {
  readonly results: readonly CheckResult[];
  /** Why the step could not run (for these vendors). */
  readonly error?: string;
  readonly durationMs: number;
  /** How many vendors the run served. */
  readonly vendors: number;
}

/**
 * Starts verify and check-client for all `vendors` at once; each function settles with a vendor's run, never
 * rejects. A shared run that could not run at all is run again for the vendor alone, so that one vendor's
 * trouble (a plugin vendor the reference client lacks, say) is that vendor's finding only, as when each ran alone.
 */
export function startSharedSteps(vendors: readonly VendorId[], options: StepOptions): Record<SharedStep, (vendor: VendorId) => Promise<SharedRun>> {
  const verifyFor = (batch: readonly VendorId[]) => sharedRun(batch.length, async () => (await verify({ catalogue: options.catalogue, vendors: batch, ...only(options) })).results);
  const checkClientFor = (batch: readonly VendorId[]) =>
    sharedRun(batch.length, async () => (await checkClient({ catalogue: options.catalogue, adapterPath: referenceAdapterPath(), vendors: batch, runs: Math.min(options.numRuns, 50), seed: options.seed, ...only(options) })).results);
  const shared = (runFor: (batch: readonly VendorId[]) => Promise<SharedRun>) => {
    const all = runFor(vendors);
    return async (vendor: VendorId) => {
      const run = await all;
      return forVendor(run.error === undefined || vendors.length === 1 ? run : await runFor([vendor]), vendor);
    };
  };
  return { verify: shared(verifyFor), 'check-client': shared(checkClientFor) };
}

/** Runs `work` now; settles with its results or its error (a rejection nobody awaits yet would end the process). */
async function sharedRun(vendors: number, work: () => Promise<readonly CheckResult[]>): Promise<SharedRun> {
  const started = performance.now();
  const took = () => Math.round(performance.now() - started);
  try {
    const results = await work();
    return { results, durationMs: took(), vendors };
  } catch (error) {
    return { results: [], error: (error as Error).message, durationMs: took(), vendors };
  }
}

const forVendor = (run: SharedRun, vendor: VendorId): SharedRun => ({ ...run, results: run.results.filter((r) => r.vendor === vendor) });

const only = (options: StepOptions) => (options.only === undefined ? {} : { only: options.only });

/** A check of a step, run only when `--only` selects its name. */
interface NamedCheck {
  readonly name: string;
  readonly run: () => string | undefined;
}
/**
 * The selected checks, one after another. Between two checks the event loop turns: the shared steps'
 * servers and proxies run in this process too, and a step's synchronous work must not hold their
 * answers back for longer than one check.
 */
async function runSelected(vendor: VendorId, step: Step, checks: readonly NamedCheck[], pattern: string | undefined): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const check of checks.filter((c) => matchesOnly(c.name, pattern))) {
    results.push(timed(vendor, step, check.name, check.run));
    await nextTurn();
  }
  return results;
}

const timed = (vendor: VendorId, step: Step, name: string, run: () => string | undefined): CheckResult => {
  const started = performance.now();
  let problem: string | undefined;
  try {
    problem = run();
  } catch (error) {
    problem = (error as Error).message;
  }
  return { vendor, step, name, status: problem ? 'failed' : 'passed', durationMs: Math.round(performance.now() - started), ...(problem ? { message: problem } : {}) };
};

interface DocFixture {
  file: string;
  vendor: VendorId;
  kind: SchemaKind;
  valid: boolean;
  pointers?: string[];
}

function fixturesStep(module: VendorModule, pattern: string | undefined): Promise<CheckResult[]> {
  const { definition } = module;
  const vendor = definition.id;
  const manifest = JSON.parse(readFileSync(fromRoot('fixtures/docs/manifest.json'), 'utf8')) as { fixtures: DocFixture[] };
  const docs = manifest.fixtures.filter((f) => f.vendor === vendor).map((fixture): NamedCheck => ({
    name: `doc example ${fixture.file} is ${fixture.valid ? 'valid' : `invalid at ${fixture.pointers?.join(', ')}`}`,
    run: () => {
      const result = validate(definition, fixture.kind, JSON.parse(readFileSync(fromRoot('fixtures/docs', fixture.file), 'utf8')));
      if (fixture.valid) return result.valid ? undefined : result.errors.map((e) => e.message).join('; ');
      const paths = [...new Set(result.errors.map((e) => e.path))].sort().join(', ');
      return paths === [...(fixture.pointers ?? [])].sort().join(', ') ? undefined : `expected failures at ${fixture.pointers?.join(', ')}, got ${paths || 'none'}`;
    },
  }));
  const invalidFile = fromRoot('fixtures/invalid', `${vendor}.json`);
  if (!existsSync(invalidFile)) throw new Error(`fixtures/invalid/${vendor}.json is missing: every vendor has hand-written invalid documents (README "Adding a vendor")`);
  const invalid = JSON.parse(readFileSync(invalidFile, 'utf8')) as { name: string; kind: SchemaKind; pointer: string; severity?: 'warning'; document: unknown }[];
  return runSelected(vendor, 'fixtures', [
    ...docs,
    ...invalid.map((c): NamedCheck => ({
      name: `invalid fixture "${c.name}" ${c.severity === 'warning' ? 'warns' : 'fails'} at ${c.pointer}`,
      run: () => {
        const result = validate(definition, c.kind, c.document);
        // Beyond the docs (an undocumented field or value) is a warning, never an error.
        const issues = c.severity === 'warning' ? result.warnings : result.errors;
        if (c.severity === 'warning' && !result.valid) return `an error where the docs are only exceeded: ${result.errors.map((e) => e.message).join('; ')}`;
        return issues.some((e) => e.path === c.pointer) ? undefined : `not reported at ${c.pointer}; got ${issues.map((e) => e.path).join(', ') || 'nothing'}`;
      },
    })),
  ], pattern);
}

function propertiesStep(module: VendorModule, options: StepOptions): Promise<CheckResult[]> {
  const { definition, semantics } = module;
  const vendor = definition.id;
  const properties: [string, fc.IProperty<unknown[]>][] = [
    ['generated valid requests and responses pass the validator', laws.validDocumentsPass(definition, validate) as fc.IProperty<unknown[]>],
    ['every generated mutation fails at its pointer', laws.mutationsFailAtTheirPointer(definition, validate) as fc.IProperty<unknown[]>],
    ['built requests conform and round-trip through JSON', laws.builtRequestsConform(definition, buildFromInput, validate) as fc.IProperty<unknown[]>],
    ['path parameters are percent-encoded and decode back intact', laws.pathParametersRoundTrip(definition, buildFromInput) as fc.IProperty<unknown[]>],
    ['applying an update twice equals applying it once', laws.applyingTwiceEqualsOnce(module, semantics) as fc.IProperty<unknown[]>],
  ];
  if (laws.requestsCarrySecrets(definition)) properties.push(['a secret sent never comes back', laws.secretsNeverReturned(module, semantics) as fc.IProperty<unknown[]>]);
  return runSelected(vendor, 'properties', properties.map(([name, property]) => ({
    name: `${name} (${options.numRuns} runs)`,
    run: () => {
      const details = fc.check(property, { numRuns: options.numRuns, seed: options.seed });
      if (!details.failed) return undefined;
      return `${(details.errorInstance as Error | undefined)?.message ?? 'failed'} (seed ${details.seed}, counterexample ${JSON.stringify(details.counterexample)?.slice(0, 300)})`;
    },
  })), options.only);
}

const PACT_IS_CURRENT = 'the regenerated pact equals the committed one';

async function contractsStep(module: VendorModule, pattern: string | undefined): Promise<CheckResult[]> {
  const vendor = module.definition.id;
  // The comparison with the committed pact needs every interaction; otherwise only the selected ones run.
  const whole = matchesOnly(PACT_IS_CURRENT, pattern);
  const select = (description: string) => matchesOnly(description, pattern);
  if (!whole && !module.contract().interactions.some((i) => select(i.description))) return [];
  const scratch = makeScratchDir(tmpdir(), 'destconf-conformance-pacts-');
  const dir = scratch.path;
  try {
    const clients = await loadReferenceClients();
    const { runConsumerContract } = await import('../contracts/runner.js');
    const outcomes = await runConsumerContract(module, referenceClientOf(clients, vendor), { pactDir: dir, consumer: DEFAULT_CONSUMER, ...(whole ? {} : { select }) });
    const results: CheckResult[] = outcomes.map((o) => ({
      vendor,
      step: 'contracts',
      name: o.description,
      status: o.passed ? 'passed' : 'failed',
      durationMs: o.durationMs,
      ...(o.message ? { message: o.message } : {}),
    }));
    if (!whole) return results;
    const file = pactFileName(DEFAULT_CONSUMER, module.definition.providerName);
    results.push(
      timed(vendor, 'contracts', PACT_IS_CURRENT, () => {
        const fresh = readFileSync(join(dir, file), 'utf8');
        const committed = readFileSync(fromRoot('contracts/pacts', file), 'utf8');
        return fresh === committed ? undefined : `contracts/pacts/${file} is stale: run \`destconf contracts\` and commit the result`;
      }),
    );
    return results;
  } finally {
    scratch.remove();
  }
}
