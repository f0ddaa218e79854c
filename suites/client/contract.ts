/**
 * The contract interactions: the client is driven against the Pact mock server of the official
 * core exactly as the consumer tests drive the reference client, with literal paths (a provider
 * state path would match any path).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CONSUMER } from '../../src/contracts/index.js';
import { runConsumerContract } from '../../src/contracts/runner.js';
import type { CheckResult } from '../../src/report/types.js';
import type { ScenarioContext } from './context.js';

export async function contractScenarios(context: ScenarioContext): Promise<CheckResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'destconf-check-client-'));
  try {
    const secret = context.credentials[context.vendor.auth.credential]!;
    const outcomes = await runConsumerContract(context.vendor.id, context.factory, {
      pactDir: dir,
      consumer: DEFAULT_CONSUMER,
      literalPaths: true,
      secret,
      timeoutMs: context.timeoutMs,
    });
    return outcomes.map((o) => ({
      vendor: o.vendor,
      step: 'check-client',
      name: `contract: ${o.description}`,
      status: o.passed ? 'passed' : 'failed',
      durationMs: o.durationMs,
      ...(o.message ? { message: o.message } : {}),
      ...(o.passed ? {} : { expected: o.expected, actual: o.actual }),
    }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
