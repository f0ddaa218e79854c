import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command, Option } from 'commander';
import type { Broker } from '../../broker/client.js';
import { gitDefaults } from '../../broker/git.js';
import type { PactCliResult } from '../../broker/pact-cli.js';
import { DEFAULT_CONSUMER } from '../../contracts/index.js';
import { UsageError } from '../../util/errors.js';
import { fromRoot } from '../../util/paths.js';
import { Redactor } from '../../util/redact.js';
import { userConsumerName } from '../consumer-name.js';
import { brokerName, jsonOption } from '../options.js';
import { printJson, type Output } from '../output.js';
import { brokerOf, brokerTimeoutOption, brokerUrlOption } from './broker-options.js';

/**
 * Every broker command asks the broker's index first: unreachable, a redirect, a refused credential or a
 * failing broker is one line and exit 2 before the pact CLI runs (which panics on a redirect and retries a
 * 500 for ~95 s), and the CLI itself is bounded by --broker-timeout.
 */
async function pactCli(broker: Broker, args: readonly string[], onLine?: (line: string) => void): Promise<PactCliResult> {
  const { checkBroker } = await import('../../broker/client.js');
  await checkBroker(broker);
  const { runPactCli } = await import('../../broker/pact-cli.js');
  const redactor = new Redactor().add(broker.auth.token).addBasicAuth(broker.auth.username, broker.auth.password);
  return runPactCli([...args, '--broker-base-url', broker.url], broker.auth, redactor, { timeoutMs: broker.timeoutMs, ...(onLine ? { onLine } : {}) });
}

/** The pacticipant a command is about: --pacticipant, else the user's consumer name, else the project's own. */
function pacticipantOf(given: string | undefined): string {
  return given?.trim() || userConsumerName(undefined, '--pacticipant') || DEFAULT_CONSUMER;
}

const PACTICIPANT_HELP = 'the pacticipant (default: DESTCONF_CONSUMER_NAME, else "name" in ./package.json, else destination-contracts)';

interface PactSummary {
  file: string;
  consumer: string;
  provider: string;
  interactions: number;
  sha256: string;
}

function pactsIn(dir: string): PactSummary[] {
  if (!existsSync(dir)) throw new UsageError(`pact folder not found: ${dir}`);
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  if (files.length === 0) throw new UsageError(`no pact files in ${dir}; run \`destconf contracts\` first`);
  return files.map((file) => {
    const text = readFileSync(join(dir, file), 'utf8');
    let pact: { consumer?: { name?: string }; provider?: { name?: string }; interactions?: unknown[] };
    try {
      pact = JSON.parse(text) as typeof pact;
    } catch {
      throw new UsageError(`${join(dir, file)} is not valid JSON`);
    }
    return {
      file: join(dir, file),
      consumer: pact.consumer?.name ?? '?',
      provider: pact.provider?.name ?? '?',
      interactions: pact.interactions?.length ?? 0,
      sha256: createHash('sha256').update(text).digest('hex'),
    };
  });
}

export function publishCommand(output: Output): Command {
  return new Command('publish')
    .summary('publish contracts/pacts/ to a Pact Broker with the official pact CLI')
    .description(
      'Publish every pact with `pact broker publish`, under a consumer version and branch (defaulting to the git commit and\n' +
        'branch). Auth from PACT_BROKER_TOKEN (PactFlow), or PACT_BROKER_USERNAME and PACT_BROKER_PASSWORD (an open-source\n' +
        'broker). Exit 0 published, 1 the broker refused a pact (e.g. other content under a published version), 2 for\n' +
        'usage and broker errors (unreachable, redirect, refused credentials, failing, no answer within --broker-timeout).',
    )
    .addOption(brokerUrlOption())
    .addOption(new Option('--consumer-version <version>', 'consumer application version (default: the git commit)').argParser(brokerName('--consumer-version')))
    .addOption(new Option('--branch <branch>', 'consumer branch (default: the git branch)').argParser(brokerName('--branch')))
    .addOption(new Option('--tag <tag>', 'a tag; repeat for more').argParser((value: string, previous: string[] = []) => [...previous, brokerName('--tag')(value)]))
    .addOption(new Option('--pact-dir <dir>', 'where the pacts are').default(fromRoot('contracts/pacts'), 'contracts/pacts'))
    .addOption(new Option('--dry-run', 'print what would be sent, send nothing'))
    .addOption(brokerTimeoutOption())
    .addOption(jsonOption())
    .action(async (options: { brokerUrl?: string; consumerVersion?: string; branch?: string; tag?: string[]; pactDir: string; dryRun?: boolean; brokerTimeout: number; json?: boolean }) => {
      const broker = brokerOf(options);
      const git = gitDefaults();
      const version = options.consumerVersion ?? git.commit;
      if (!version) throw new UsageError('--consumer-version is required outside a git checkout');
      const branch = options.branch ?? git.branch;
      const pacts = pactsIn(resolve(options.pactDir));
      const plan = {
        brokerUrl: broker.url,
        consumerVersion: version,
        ...(branch ? { branch } : {}),
        tags: options.tag ?? [],
        auth: broker.auth.token ? 'bearer token (PACT_BROKER_TOKEN)' : broker.auth.username ? 'basic (PACT_BROKER_USERNAME/PASSWORD)' : 'none',
        pacts: pacts.map(({ file, ...rest }) => ({ file, ...rest })),
      };
      if (options.dryRun) {
        if (options.json) printJson(output, { dryRun: true, ...plan });
        else {
          output.out(`Would publish ${pacts.length} pact(s) to ${broker.url} as version ${version}${branch ? ` on branch ${branch}` : ''}${plan.tags.length ? ` with tags ${plan.tags.join(', ')}` : ''} (auth: ${plan.auth}):`);
          for (const p of pacts) output.out(`  ${p.consumer} -> ${p.provider}: ${p.interactions} interactions, ${p.file} (sha256 ${p.sha256.slice(0, 12)})`);
        }
        return;
      }
      const args = ['broker', 'publish', resolve(options.pactDir), '--consumer-app-version', version];
      if (branch) args.push('--branch', branch);
      // The pact CLI takes every tag after one --tag.
      if (options.tag?.length) args.push('--tag', ...options.tag);
      const result = await pactCli(broker, args, (line) => (options.json ? undefined : output.out(line)));
      if (options.json) printJson(output, { published: result.code === 0, ...plan, output: result.output });
      else if (result.code !== 0) output.out(`✗ not all pacts were published: the broker refused one (the CLI stops at the first refusal; those before it are published)`);
      process.exitCode = result.code === 0 ? 0 : 1;
    });
}

export function canIDeployCommand(output: Output): Command {
  return new Command('can-i-deploy')
    .summary('ask the broker whether a consumer version can be deployed (pact broker can-i-deploy)')
    .description(
      'Wraps `pact broker can-i-deploy`; its verdict is the exit code: 0 yes, 1 no (a failed verification, or none yet against\n' +
        'the version recorded in the environment: see record-deployment), 2 the broker refused the question (unknown\n' +
        'environment or pacticipant, auth, unreachable), under --json too (a JSON object on stdout). Auth as for publish.',
    )
    .addOption(brokerUrlOption())
    .addOption(new Option('--version <version>', 'the version to deploy (default: the git commit)').argParser(brokerName('--version')))
    .addOption(new Option('--pacticipant <name>', PACTICIPANT_HELP).argParser(brokerName('--pacticipant')))
    .addOption(new Option('--to-environment <env>', 'target environment').argParser(brokerName('--to-environment')).default('production'))
    .addOption(brokerTimeoutOption())
    .addOption(jsonOption())
    .action(async (options: { brokerUrl?: string; version?: string; pacticipant?: string; toEnvironment: string; brokerTimeout: number; json?: boolean }) => {
      const broker = brokerOf(options);
      const version = options.version ?? gitDefaults().commit;
      if (!version) throw new UsageError('--version is required outside a git checkout');
      const pacticipant = pacticipantOf(options.pacticipant);
      // Always asked for JSON: `pact broker can-i-deploy --output json` exits 0 even when the answer is
      // "no", so the verdict is read from the answer itself, never from the CLI's exit code.
      const result = await pactCli(broker, ['broker', 'can-i-deploy', '--pacticipant', pacticipant, '--version', version, '--to-environment', options.toEnvironment, '--output', 'json']);
      const answer = deploymentAnswer(result.output);
      // No matrix answer: the broker refused the question (unknown environment or pacticipant, auth): exit 2.
      if (!answer) throw new UsageError(`the broker did not answer can-i-deploy for ${pacticipant} ${version} → ${options.toEnvironment}: ${firstMeaningfulLine(result.output)}`);
      if (options.json) printJson(output, { deployable: answer.deployable, reason: answer.reason, pacticipant, version, environment: options.toEnvironment, summary: answer.summary });
      else output.out(`${answer.deployable ? '✓ deployable' : '✗ not deployable'}: ${pacticipant} ${version} → ${options.toEnvironment}${answer.reason ? ` (${answer.reason.replace(/\n/g, '; ')})` : ''}`);
      process.exitCode = answer.deployable ? 0 : 1;
    });
}

/**
 * `record-deployment` / `record-release`: tell the broker a version is now in an environment. Without it
 * `can-i-deploy --to-environment` never says yes and the `deployedOrReleased` selector never sees the version.
 */
export function recordCommand(output: Output, kind: 'deployment' | 'release'): Command {
  const verb = kind === 'deployment' ? 'deployed to' : 'released to';
  return new Command(`record-${kind}`)
    .summary(`record that a pacticipant version was ${verb} an environment (pact broker record-${kind})`)
    .description(
      `Wraps \`pact broker record-${kind}\`: the broker then knows the version is ${verb} the environment, which can-i-deploy\n` +
        `--to-environment and the deployedOrReleased selector read. ${kind === 'deployment' ? 'A deployment replaces the version deployed there before. ' : ''}Auth as for publish.\n` +
        'Exit 0 recorded, 2 when the broker does not know the pacticipant, version or environment, or refuses or fails.',
    )
    .addOption(brokerUrlOption())
    .addOption(new Option('--version <version>', 'the version (default: the git commit)').argParser(brokerName('--version')))
    .addOption(new Option('--pacticipant <name>', PACTICIPANT_HELP).argParser(brokerName('--pacticipant')))
    .requiredOption('--environment <env>', 'the environment (a fresh broker has production and test)', brokerName('--environment'))
    .addOption(brokerTimeoutOption())
    .addOption(jsonOption())
    .action(async (options: { brokerUrl?: string; version?: string; pacticipant?: string; environment: string; brokerTimeout: number; json?: boolean }) => {
      const broker = brokerOf(options);
      const version = options.version ?? gitDefaults().commit;
      if (!version) throw new UsageError('--version is required outside a git checkout');
      const pacticipant = pacticipantOf(options.pacticipant);
      // The CLI says "Environment x does not exist" with exit 1, as if recorded wrongly: ask first, exit 2 naming what is missing.
      const { brokerRequestOrAbsent, BrokerError } = await import('../../broker/client.js');
      const known = await brokerRequestOrAbsent(broker, `/pacticipants/${encodeURIComponent(pacticipant)}/versions/${encodeURIComponent(version)}`);
      if (!known) throw new BrokerError(`the broker at ${broker.url} has no version ${version} of ${pacticipant}: publish its pacts (or verify it) first`);
      const targets = ((known._links as Record<string, { name?: string }[]> | undefined)?.[`pb:record-${kind}`] ?? []).map((l) => l.name);
      if (!targets.includes(options.environment)) throw new BrokerError(`the broker at ${broker.url} has no environment named '${options.environment}' (it has: ${targets.join(', ') || 'none'})`);
      const result = await pactCli(broker, ['broker', `record-${kind}`, '--pacticipant', pacticipant, '--version', version, '--environment', options.environment]);
      if (result.code !== 0) throw new BrokerError(`the broker did not record the ${kind} of ${pacticipant} ${version} to ${options.environment}: ${firstMeaningfulLine(result.output)}`);
      if (options.json) printJson(output, { recorded: true, kind, pacticipant, version, environment: options.environment });
      else output.out(`✓ recorded: ${pacticipant} ${version} ${verb} ${options.environment}`);
    });
}

interface DeploymentAnswer {
  readonly deployable: boolean;
  readonly reason?: string;
  readonly summary: Record<string, unknown>;
}

/** The broker's matrix answer in the pact CLI's JSON output, or undefined when there is none. */
export function deploymentAnswer(text: string): DeploymentAnswer | undefined {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end < start) return undefined;
  try {
    const parsed = JSON.parse(text.slice(start, end + 1)) as { summary?: { deployable?: unknown; reason?: unknown } };
    const summary = parsed.summary;
    // `null`: the broker cannot tell (a verification is missing): not deployable, not a refused question.
    if (!summary || (typeof summary.deployable !== 'boolean' && summary.deployable !== null)) return undefined;
    return { deployable: summary.deployable === true, ...(typeof summary.reason === 'string' ? { reason: summary.reason } : {}), summary: summary as Record<string, unknown> };
  } catch {
    return undefined;
  }
}

function firstMeaningfulLine(text: string): string {
  const line = text.split('\n').map((l) => l.replace(/^[^\w(]+/u, '').trim()).find((l) => l.length > 0);
  return (line ?? 'no answer').slice(0, 300);
}
