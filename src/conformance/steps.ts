/**
 * The steps of `destconf conformance`, each for one vendor, each returning check results. They
 * reuse what the other commands run: nothing here is a second implementation.
 */
import { existsSync, readFileSync } from 'node:fs';
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

export async function runStep(step: Step, vendor: VendorId, options: StepOptions): Promise<CheckResult[]> {
  const { catalogue } = options;
  const module = catalogue.module(vendor);
  switch (step) {
    case 'fixtures':
      return fixturesStep(module, options.only);
    case 'properties':
      return propertiesStep(module, options);
    case 'contracts':
      return contractsStep(module, options.only);
    case 'verify':
      return [...(await verify({ catalogue, vendors: [vendor], ...only(options) })).results];
    case 'check-client':
      return (await checkClient({ catalogue, adapterPath: referenceAdapterPath(), vendor, runs: Math.min(options.numRuns, 50), seed: options.seed, ...only(options) })).results;
  }
}

const only = (options: StepOptions) => (options.only === undefined ? {} : { only: options.only });

/** A check of a step, run only when `--only` selects its name. */
interface NamedCheck {
  readonly name: string;
  readonly run: () => string | undefined;
}
const runSelected = (vendor: VendorId, step: Step, checks: readonly NamedCheck[], pattern: string | undefined): CheckResult[] =>
  checks.filter((check) => matchesOnly(check.name, pattern)).map((check) => timed(vendor, step, check.name, check.run));

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

function fixturesStep(module: VendorModule, pattern: string | undefined): CheckResult[] {
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

function propertiesStep(module: VendorModule, options: StepOptions): CheckResult[] {
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
