import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { gitDefaults } from '../../broker/git.js';
import { UsageError } from '../../util/errors.js';
import { fromRoot } from '../../util/paths.js';
import { Redactor } from '../../util/redact.js';
import { jsonOption, parseBaseUrl } from '../options.js';
import { printJson, type Output } from '../output.js';
import { brokerAuthFromEnv, brokerUrlOption } from './broker-options.js';

function requireBrokerUrl(value: string | undefined): string {
  if (!value) throw new UsageError('--broker-url (or PACT_BROKER_BASE_URL) is required');
  return parseBaseUrl('--broker-url', value, 'PACT_BROKER_TOKEN or PACT_BROKER_USERNAME/PACT_BROKER_PASSWORD');
}

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
        'branch). Auth from PACT_BROKER_TOKEN, or PACT_BROKER_USERNAME and PACT_BROKER_PASSWORD. Exit 0 published, 1 the broker refused.',
    )
    .addOption(brokerUrlOption())
    .addOption(new Option('--consumer-version <version>', 'consumer application version (default: the git commit)'))
    .addOption(new Option('--branch <branch>', 'consumer branch (default: the git branch)'))
    .addOption(new Option('--tag <tag>', 'a tag; repeat for more').argParser((value: string, previous: string[] = []) => [...previous, value]))
    .addOption(new Option('--pact-dir <dir>', 'where the pacts are').default(fromRoot('contracts/pacts'), 'contracts/pacts'))
    .addOption(new Option('--dry-run', 'print what would be sent, send nothing'))
    .addOption(jsonOption())
    .action(async (options: { brokerUrl?: string; consumerVersion?: string; branch?: string; tag?: string[]; pactDir: string; dryRun?: boolean; json?: boolean }) => {
      const brokerUrl = requireBrokerUrl(options.brokerUrl);
      const git = gitDefaults();
      const version = options.consumerVersion ?? git.commit;
      if (!version) throw new UsageError('--consumer-version is required outside a git checkout');
      const branch = options.branch ?? git.branch;
      const auth = brokerAuthFromEnv(process.env);
      const pacts = pactsIn(resolve(options.pactDir));
      const plan = {
        brokerUrl,
        consumerVersion: version,
        ...(branch ? { branch } : {}),
        tags: options.tag ?? [],
        auth: auth.token ? 'bearer token (PACT_BROKER_TOKEN)' : auth.username ? 'basic (PACT_BROKER_USERNAME/PASSWORD)' : 'none',
        pacts: pacts.map(({ file, ...rest }) => ({ file, ...rest })),
      };
      if (options.dryRun) {
        if (options.json) printJson(output, { dryRun: true, ...plan });
        else {
          output.out(`Would publish ${pacts.length} pact(s) to ${brokerUrl} as version ${version}${branch ? ` on branch ${branch}` : ''}${plan.tags.length ? ` with tags ${plan.tags.join(', ')}` : ''} (auth: ${plan.auth}):`);
          for (const p of pacts) output.out(`  ${p.consumer} -> ${p.provider}: ${p.interactions} interactions, ${p.file} (sha256 ${p.sha256.slice(0, 12)})`);
        }
        return;
      }
      const args = ['broker', 'publish', resolve(options.pactDir), '--broker-base-url', brokerUrl, '--consumer-app-version', version];
      if (branch) args.push('--branch', branch);
      // The pact CLI takes every tag after one --tag.
      if (options.tag?.length) args.push('--tag', ...options.tag);
      await requireReachableBroker(brokerUrl);
      const { runPactCli } = await import('../../broker/pact-cli.js');
      const redactor = new Redactor().add(auth.token).addBasicAuth(auth.username, auth.password);
      const result = await runPactCli(args, auth, redactor, (line) => (options.json ? undefined : output.out(line)));
      if (options.json) printJson(output, { published: result.code === 0, ...plan, output: result.output });
      process.exitCode = result.code === 0 ? 0 : 1;
    });
}

/** An unreachable broker is a usage problem (exit 2), not a "not deployable" verdict (exit 1). */
async function requireReachableBroker(brokerUrl: string): Promise<void> {
  // A connection, not a request: nothing reaches the broker that the pact CLI would not send.
  const { unconnectableReason } = await import('../../util/network.js');
  const reason = await unconnectableReason(brokerUrl, 5000);
  if (reason) throw new UsageError(`cannot reach the broker at ${brokerUrl}: ${reason}`);
}

export function canIDeployCommand(output: Output): Command {
  return new Command('can-i-deploy')
    .summary('ask the broker whether a consumer version can be deployed (pact broker can-i-deploy)')
    .description('Wraps `pact broker can-i-deploy`; its verdict is the exit code (0 yes, 1 no, 2 the broker refused the question:\nunknown environment or pacticipant, auth), under --json too (a JSON object on stdout). Auth as for publish.')
    .addOption(brokerUrlOption())
    .addOption(new Option('--version <version>', 'the version to deploy (default: the git commit)'))
    .addOption(new Option('--pacticipant <name>', 'consumer name (default: DESTCONF_CONSUMER_NAME or destination-contracts)'))
    .addOption(new Option('--to-environment <env>', 'target environment').default('production'))
    .addOption(jsonOption())
    .action(async (options: { brokerUrl?: string; version?: string; pacticipant?: string; toEnvironment: string; json?: boolean }) => {
      const brokerUrl = requireBrokerUrl(options.brokerUrl);
      const version = options.version ?? gitDefaults().commit;
      if (!version) throw new UsageError('--version is required outside a git checkout');
      const { consumerName } = await import('../../contracts/index.js');
      const auth = brokerAuthFromEnv(process.env);
      const pacticipant = options.pacticipant ?? consumerName();
      // Always asked for JSON: `pact broker can-i-deploy --output json` exits 0 even when the answer is
      // "no", so the verdict is read from the answer itself, never from the CLI's exit code.
      const args = ['broker', 'can-i-deploy', '--pacticipant', pacticipant, '--version', version, '--to-environment', options.toEnvironment, '--broker-base-url', brokerUrl, '--output', 'json'];
      await requireReachableBroker(brokerUrl);
      const { runPactCli } = await import('../../broker/pact-cli.js');
      const result = await runPactCli(args, auth, new Redactor().add(auth.token).addBasicAuth(auth.username, auth.password));
      const answer = deploymentAnswer(result.output);
      // No matrix answer: the broker refused the question (unknown environment or pacticipant, auth): exit 2.
      if (!answer) throw new UsageError(`the broker did not answer can-i-deploy for ${pacticipant} ${version} → ${options.toEnvironment}: ${firstMeaningfulLine(result.output)}`);
      if (options.json) printJson(output, { deployable: answer.deployable, reason: answer.reason, pacticipant, version, environment: options.toEnvironment, summary: answer.summary });
      else output.out(`${answer.deployable ? '✓ deployable' : '✗ not deployable'}: ${pacticipant} ${version} → ${options.toEnvironment}${answer.reason ? ` (${answer.reason})` : ''}`);
      process.exitCode = answer.deployable ? 0 : 1;
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
    if (!summary || typeof summary.deployable !== 'boolean') return undefined;
    return { deployable: summary.deployable, ...(typeof summary.reason === 'string' ? { reason: summary.reason } : {}), summary: summary as Record<string, unknown> };
  } catch {
    return undefined;
  }
}

function firstMeaningfulLine(text: string): string {
  const line = text.split('\n').map((l) => l.replace(/^[^\w(]+/u, '').trim()).find((l) => l.length > 0);
  return (line ?? 'no answer').slice(0, 300);
}
