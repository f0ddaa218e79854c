/**
 * The contract interactions: the client is driven against the Pact mock server of the official
 * core exactly as the consumer tests drive the reference client, with literal paths (a provider
 * state path would match any path).
 */
import { tmpdir } from 'node:os';
import { DEFAULT_CONSUMER } from '../../src/contracts/index.js';
import { JudgingProxy } from '../../src/client-check/judging-proxy.js';
import { makeScratchDir } from '../../src/util/scratch.js';
import { WORKER_SCRATCH_PREFIX } from '../../src/client-check/worker-scratch.js';
import { matchesOnly, type CheckResult } from '../../src/report/types.js';
import { BASE_PATH, noteLeak, type ScenarioContext } from './context.js';
import { errorsOf, requestDeviations, warningsOf } from './request-rules.js';

export const contractResultName = (description: string) => `contract: ${description}`;

export async function contractScenarios(context: ScenarioContext): Promise<CheckResult[]> {
  // The Pact core is loaded only when a contract scenario runs (`--only 'HTTP 404'` never pays for it), and
  // before the scratch folder exists: loading blocks the event loop, and an interrupt meanwhile must find
  // nothing to clean up.
  const { runConsumerContract } = await import('../../src/contracts/runner.js');
  // Named after this process: a later run removes it if this one is killed before it can (SIGKILL).
  const scratch = makeScratchDir(tmpdir(), WORKER_SCRATCH_PREFIX);
  const dir = scratch.path;
  const proxy = new JudgingProxy();
  await proxy.start();
  try {
    const secret = context.credentials[context.vendor.auth.credential]!;
    // The user's own pacts (--pact-out) carry provider-state paths, as published pacts must; the
    // judging proxy checks the path the client sent either way.
    const outcomes = await runConsumerContract(context.module, context.factory, {
      pactDir: context.pactOut?.dir ?? dir,
      consumer: context.pactOut?.consumer ?? DEFAULT_CONSUMER,
      literalPaths: !context.pactOut,
      secret,
      timeoutMs: context.timeoutMs,
      // `--only` naming one interaction drives the client through that one (the scenario's own name selects them all).
      ...(context.only && !matchesOnly('contract interactions', context.only) ? { select: (description: string) => matchesOnly(contractResultName(description), context.only) } : {}),
      onClientOutput: (text) => noteLeak(context, 'what the client wrote to stdout/stderr', text),
      // Judged by meaning, as the generated requests are; the mock server sees the canonical request.
      front: {
        proxy,
        basePath: BASE_PATH,
        judge: (vendor, input, credentials) => (request) => {
          const deviations = requestDeviations(vendor, { input, credentials, basePath: BASE_PATH }, request);
          return { errors: errorsOf(deviations), warnings: warningsOf(deviations) };
        },
      },
    });
    return outcomes.map((o) => ({
      vendor: o.vendor,
      step: 'check-client',
      name: contractResultName(o.description),
      status: !o.passed ? 'failed' : o.warnings ? 'warning' : 'passed',
      durationMs: o.durationMs,
      ...(o.message ? { message: o.message } : o.warnings ? { message: o.warnings.join('; ') } : {}),
      ...(o.passed ? {} : { expected: o.expected, actual: o.actual }),
    }));
  } finally {
    await proxy.stop();
    scratch.remove();
  }
}
