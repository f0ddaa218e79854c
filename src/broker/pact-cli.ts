/**
 * Runs the official Pact CLI (`pact`, from @pact-foundation/pact-cli). Broker credentials travel
 * in its environment (PACT_BROKER_TOKEN, or PACT_BROKER_USERNAME/PASSWORD), never in arguments,
 * and its output is masked before it is shown.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import type { Redactor } from '../util/redact.js';

export interface BrokerAuth {
  readonly token?: string;
  readonly username?: string;
  readonly password?: string;
}

export interface PactCliResult {
  readonly code: number;
  readonly output: string;
}

export function pactCliPath(): string {
  return createRequire(import.meta.url).resolve('@pact-foundation/pact-cli/bin/pact.js');
}

export function runPactCli(args: readonly string[], auth: BrokerAuth, redactor: Redactor, onLine: (line: string) => void = () => undefined): Promise<PactCliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, PACT_DO_NOT_TRACK: 'true' };
  for (const name of ['PACT_BROKER_TOKEN', 'PACT_BROKER_USERNAME', 'PACT_BROKER_PASSWORD', 'PACT_BROKER_BASE_URL']) delete env[name];
  if (auth.token) env.PACT_BROKER_TOKEN = auth.token;
  if (auth.username) {
    env.PACT_BROKER_USERNAME = auth.username;
    env.PACT_BROKER_PASSWORD = auth.password ?? '';
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [pactCliPath(), ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let pending = '';
    const take = (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const safe = redactor.text(line);
        output += `${safe}\n`;
        onLine(safe);
      }
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('error', reject);
    child.on('close', (code) => {
      if (pending) take(Buffer.from('\n'));
      resolve({ code: code ?? 1, output });
    });
  });
}
