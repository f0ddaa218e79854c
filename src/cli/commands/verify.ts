import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import { UsageError } from '../../util/errors.js';
import { writableTemp } from '../../util/output-folder.js';
import { interruptedBy } from '../../util/interrupt.js';
import { envNames } from '../../verify/targets.js';
import type { Catalogue } from '../../vendors/catalogue.js';
import type { VendorId } from '../../vendors/types.js';
import { brokerName, jsonOption, MAX_TIMER_MS, nothingSelected, parseBaseUrl, positiveInteger, vendorOption } from '../options.js';
import { printJson, type Output } from '../output.js';
import { printResult, printSummary } from '../results.js';
import { exitCodeOf, type CheckResult } from '../../report/types.js';
import type { VerifyPlan } from '../../verify/plan.js';
import { brokerOf, brokerTimeoutOption, brokerUrlOption } from './broker-options.js';

interface VerifyCliOptions {
  vendor?: VendorId;
  baseUrl?: string;
  strict?: boolean;
  timeoutMs: number;
  json?: boolean;
  publishVerificationResults?: boolean;
  providerVersion?: string;
  providerBranch?: string;
  brokerUrl?: string;
  brokerTimeout: number;
  pactUrl?: string;
  consumerVersionSelector?: string[];
  enablePending?: boolean;
  includeWipPactsSince?: string;
  allowSecretWrites?: boolean;
  allowOverwrite?: boolean;
  plan?: boolean;
  only?: string;
  pacts?: string;
}

export function verifyCommand(output: Output, catalogue: Catalogue): Command {
  return new Command('verify')
    .summary('verify the pacts (and probes) against a provider')
    .description(
      'Replay the committed pacts against a provider and probe what pacts cannot pin (full response schema, drift,\n' +
        'auth and body refusal, secret echoes, PATCH/updateMask/PUT semantics).\n' +
        'Without --base-url the bundled sandbox is started and verified. With --base-url, credentials and ids come from\n' +
        'the environment (see the README); a vendor whose variables are missing is reported skipped.\n' +
        'With --vendor the base URL is used as is; without it, /<vendor> is appended for each vendor (the sandbox layout).\n' +
        'A live destination is left as found: PATCH vendors are read first and restored at the end; probes that would\n' +
        `overwrite a stored secret are skipped without --allow-secret-writes; PUT vendors (${putVendorTitles(catalogue)}) need\n` +
        'DESTCONF_<VENDOR>_RESTORE_FILE (the body to end with) or --allow-overwrite.\n' +
        'With --publish-verification-results, --pact-url or a selector option, the pacts come from the broker instead\n' +
        '(each finding names its consumer and version, and reruns that pact); broker trouble stops the run before any\n' +
        'provider is contacted.\n' +
        'Exit 0 all verified, 1 any failure, 2 usage or configuration error.',
    )
    .addOption(vendorOption(catalogue))
    .addOption(new Option('--base-url <url>', 'provider base URL (origin and optional path prefix)'))
    .addOption(new Option('--strict', 'fail on warnings too (undocumented response fields: drift)'))
    .addOption(new Option('--allow-secret-writes', 'live runs: let probes send secrets (they overwrite the stored ones: a throwaway destination only)'))
    .addOption(new Option('--only <pattern>', 'run only the checks whose name contains this (any case); failures print the command'))
    .addOption(new Option('--plan', 'print every request the run would send (secrets masked) and send nothing'))
    .addOption(new Option('--allow-overwrite', `live runs: verify PUT vendors (${putVendorTitles(catalogue)}) without a DESTCONF_<VENDOR>_RESTORE_FILE (a throwaway destination only)`))
    .addOption(new Option('--pacts <dir>', 'replay the pacts in this folder (e.g. what check-client --pact-out wrote; the consumer name from DESTCONF_CONSUMER_NAME) instead of the committed contracts/pacts'))
    .addOption(new Option('--timeout-ms <ms>', 'per request').argParser(positiveInteger('--timeout-ms', MAX_TIMER_MS)).default(10_000))
    .addOption(new Option('--publish-verification-results', 'verify the pacts from the broker and publish the results'))
    .addOption(new Option('--provider-version <version>', 'provider version for published results').argParser(brokerName('--provider-version')))
    .addOption(new Option('--provider-branch <branch>', 'provider branch (published results; matchingBranch; pending and WIP pacts)').argParser(brokerName('--provider-branch')))
    .addOption(brokerUrlOption())
    .addOption(new Option('--pact-url <url>', 'verify this pact of the broker (what a broker webhook hands over; credentials as for publish)'))
    .addOption(
      new Option('--consumer-version-selector <sel>', 'which broker pacts to verify: mainBranch, deployedOrReleased, matchingBranch, branch=NAME, deployed=ENV, consumer=NAME,… or JSON; repeat for more (default: mainBranch and deployedOrReleased)')
        .argParser((value: string, previous: string[] = []) => [...previous, value]),
    )
    .addOption(new Option('--enable-pending', "broker pacts the provider has not verified yet are pending: their failures are warnings (Pact's pending pacts)"))
    .addOption(new Option('--include-wip-pacts-since <date>', 'also verify, as pending, pacts published since this date that the provider branch has not verified (needs --provider-branch)'))
    .addOption(brokerTimeoutOption())
    .addOption(jsonOption())
    .addHelpText('after', `\nEnvironment (with --base-url):\n${catalogue.definitions.map((vendor) => {
      const names = envNames(vendor);
      return `  ${vendor.id.padEnd(10)} ${[names.credential, ...new Set(Object.values(names.ids)), ...(names.restoreFile ? [names.restoreFile] : [])].join(`\n  ${' '.repeat(10)} `)}`;
    }).join('\n')}`)
    .action(async (options: VerifyCliOptions) => {
      writableTemp();
      const baseUrl = options.baseUrl === undefined ? undefined : parseBaseUrl('--base-url', options.baseUrl, 'the DESTCONF_<VENDOR>_… variables');
      const broker = await brokerVerification(options);
      const publish = broker?.publish;
      // A published result is the broker's word on the whole pact: never one made from a part of it, or from no run.
      if (publish && options.only) throw new UsageError('--only cannot be used with --publish-verification-results: the broker would record a verification of the whole pact from a part of it');
      if (publish && options.plan) throw new UsageError('--plan sends nothing, so it has no verification results to publish: drop --publish-verification-results');
      if (broker && options.plan) throw new UsageError('--plan sends nothing, and the broker\'s pacts are known only by asking the broker: plan the local pacts (drop --pact-url and the selectors)');
      if (broker && options.pacts) throw new UsageError('--pacts replays local pacts; the broker options (--publish-verification-results, --pact-url, selectors) replay the broker\'s: choose one');
      const vendors = options.vendor ? [options.vendor] : catalogue.ids;
      const { verify } = await import('../../verify/index.js');
      const verifyOptions = {
        catalogue,
        vendors,
        ...(baseUrl ? { baseUrl, perVendorPrefix: !options.vendor } : {}),
        strict: options.strict ?? false,
        timeoutMs: options.timeoutMs,
        allowSecretWrites: options.allowSecretWrites ?? false,
        allowOverwrite: options.allowOverwrite ?? false,
        ...(options.only ? { only: options.only } : {}),
        ...(options.pacts ? { pactDir: existingFolder('--pacts', options.pacts) } : {}),
        ...(broker ? { broker } : {}),
        onResult: (result: CheckResult) => (options.json || options.plan ? undefined : printResult(output, result)),
      };
      if (options.plan) return printPlan(output, await (await import('../../verify/plan.js')).planVerify(verifyOptions, verify), vendors.length, options.json ?? false);
      const report = await verify(verifyOptions);
      // Interrupted: what was put back is said by the signal's handler, which ends the process (130/143).
      if (interruptedBy()) return;
      if (options.only && report.results.length === 0) throw nothingSelected('verify', options.only);
      if (report.skipped.length === vendors.length) {
        throw new UsageError(`no vendor to verify: ${report.skipped.map((s) => `${s.vendor} ${s.skipped}`).join('; ')}`);
      }
      if (options.json) printJson(output, { results: report.results });
      else printSummary(output, report.results);
      // Nothing judged is no success: a CI job whose every check was skipped (an unreadable destination, a
      // wrong base URL path) must not go green.
      if (report.results.length > 0 && report.results.every((r) => r.status === 'skipped')) {
        const reason = report.results.find((r) => r.name.startsWith('restore:'))?.message ?? report.results[0]!.message ?? 'every check was skipped';
        throw new UsageError(`nothing was verified: every check was skipped (${reason})`);
      }
      process.exitCode = exitCodeOf(report.results);
    });
}

function printPlan(output: Output, plan: VerifyPlan, vendorCount: number, json: boolean): void {
  if (plan.skipped.length === vendorCount) throw new UsageError(`no vendor to verify: ${plan.skipped.map((s) => `${s.vendor} ${s.skipped}`).join('; ')}`);
  if (json) return printJson(output, plan);
  for (const s of plan.skipped) output.out(`- ${s.vendor}: skipped (${s.skipped})`);
  for (const request of plan.requests) {
    output.out(`${request.vendor.padEnd(10)} ${request.method.padEnd(6)} ${request.url}  ${typeof request.body === 'string' ? request.body : JSON.stringify(request.body)}`);
    output.out(`${' '.repeat(18)}${request.changes.length === 0 ? '' : `may change ${request.changes.map((p) => p || '(the whole body)').join(', ')}; `}${request.undo}`);
  }
  output.out(`${plan.requests.length} requests planned; nothing was sent (credentials go only in the documented auth header)`);
}

/**
 * The broker's pacts are replayed with --publish-verification-results, --pact-url, or any selector option; a
 * PACT_BROKER_BASE_URL in the environment alone changes nothing (CI jobs export it for publish).
 */
async function brokerVerification(options: VerifyCliOptions) {
  const chooses = Boolean(options.consumerVersionSelector?.length || options.enablePending || options.includeWipPactsSince);
  if (!options.publishVerificationResults && !options.pactUrl && !chooses) return undefined;
  const flag = options.publishVerificationResults ? '--publish-verification-results' : options.pactUrl ? '--pact-url' : '--consumer-version-selector';
  if (options.pactUrl && chooses) throw new UsageError('--pact-url names the pact to verify: the selectors, --enable-pending and --include-wip-pacts-since choose among the broker\'s pacts instead; drop one');
  if (options.publishVerificationResults && !options.providerVersion) throw new UsageError('--publish-verification-results needs --provider-version');
  if (options.includeWipPactsSince && !options.providerBranch) throw new UsageError('--include-wip-pacts-since needs --provider-branch (work in progress is what that branch has not verified)');
  if (options.includeWipPactsSince && !isCalendarDate(options.includeWipPactsSince)) throw new UsageError(`--include-wip-pacts-since takes a date such as 2026-11-01 (or an RFC 3339 date-time), got ${JSON.stringify(options.includeWipPactsSince)}`);
  const pactUrl = options.pactUrl ? parsePactUrl(options.pactUrl) : undefined;
  // A webhook's pact URL names its broker: without --broker-url, its origin is the broker the credential goes to.
  const broker = brokerOf({ brokerUrl: options.brokerUrl ?? (pactUrl ? new URL(pactUrl).origin : undefined), brokerTimeout: options.brokerTimeout }, `${flag} needs --broker-url`);
  const { DEFAULT_SELECTORS, parseSelector } = await import('../../broker/pacts-for-verification.js');
  const selectors = options.consumerVersionSelector?.map(parseSelector) ?? DEFAULT_SELECTORS;
  return {
    broker,
    ...(pactUrl ? { pactUrl } : {}),
    query: {
      selectors,
      enablePending: options.enablePending ?? false,
      ...(options.includeWipPactsSince ? { includeWipPactsSince: options.includeWipPactsSince } : {}),
      ...(options.providerBranch ? { providerBranch: options.providerBranch } : {}),
    },
    ...(options.publishVerificationResults ? { publish: { providerVersion: options.providerVersion!, ...(options.providerBranch ? { providerBranch: options.providerBranch } : {}) } } : {}),
  };
}

function parsePactUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--pact-url is not a URL: ${value}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--pact-url must be http or https, got ${url.protocol}`);
  if (url.username || url.password) throw new UsageError('--pact-url must not hold credentials; use PACT_BROKER_TOKEN or PACT_BROKER_USERNAME/PACT_BROKER_PASSWORD');
  return url.href;
}

/**
 * A date the broker can take: YYYY-MM-DD, optionally with an RFC 3339 time, and a day that exists (Date.parse
 * reads 2026-02-31 as March 3rd; the broker would be asked about a day the user did not mean).
 */
function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.exec(value);
  if (!match || Number.isNaN(Date.parse(value))) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Internal: the child process that runs the Pact verifier (see src/verify/pact-verification.ts). */
export function verifyPactsWorkerCommand(): Command {
  return new Command('__verify-pacts').description('internal').action(async () => (await import('../../verify/pact-verification.js')).runPactJobsFromStdin());
}

/** The vendors whose update replaces the destination (a live run cannot read back what to restore). */
function putVendorTitles(catalogue: Catalogue): string {
  return catalogue.definitions.filter((v) => v.method === 'PUT').map((v) => v.title).join(', ');
}

function existingFolder(flag: string, path: string): string {
  if (!existsSync(path) || !statSync(path).isDirectory()) throw new UsageError(`${flag}: ${path} is not a folder`);
  return resolve(path);
}
