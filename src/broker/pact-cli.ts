/**
 * Runs the official Pact CLI (`pact`, from @pact-foundation/pact-cli). Broker credentials travel
 * in its environment (PACT_BROKER_TOKEN, or PACT_BROKER_USERNAME/PASSWORD), never in arguments,
 * and its output is masked before it is shown.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { onInterrupt } from '../util/interrupt.js';
import { signalGroup } from '../util/process-group.js';
import type { Redactor } from '../util/redact.js';
import { BrokerError, type BrokerAuth } from './client.js';

export type { BrokerAuth } from './client.js';

export interface PactCliResult {
  readonly code: number;
  readonly output: string;
}

export function pactCliPath(): string {
  return createRequire(import.meta.url).resolve('@pact-foundation/pact-cli/bin/pact.js');
}

/**
 * The CLI is a node wrapper around a Rust binary: it runs in a process group of its own, so that a timeout or
 * an interrupt ends both (killing the wrapper alone left the binary running). A CLI that has not finished
 * within `timeoutMs` (a broker that hangs, or answers 500 and is retried) is stopped: a broker error, exit 2.
 */
export function runPactCli(args: readonly string[], auth: BrokerAuth, redactor: Redactor, options: { timeoutMs: number; onLine?: (line: string) => void }): Promise<PactCliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, PACT_DO_NOT_TRACK: 'true' };
  for (const name of Object.keys(env)) if (name.startsWith('PACT_BROKER_')) delete env[name];
  if (auth.token) env.PACT_BROKER_TOKEN = auth.token;
  if (auth.username) {
    env.PACT_BROKER_USERNAME = auth.username;
    env.PACT_BROKER_PASSWORD = auth.password ?? '';
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [pactCliPath(), ...args], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const endGroup = () => signalGroup(child.pid, 'SIGKILL');
    const stopOnInterrupt = onInterrupt(endGroup);
    const timer = setTimeout(() => {
      endGroup();
      reject(new BrokerError(`the broker did not let \`pact ${args.slice(0, 2).join(' ')}\` finish within ${options.timeoutMs / 1000} s (it hangs, or fails and is retried); stopped (--broker-timeout to wait longer)`));
    }, options.timeoutMs);
    let output = '';
    let pending = '';
    const take = (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const safe = redactor.text(line);
        output += `${safe}\n`;
        options.onLine?.(safe);
      }
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('error', (error) => {
      clearTimeout(timer);
      stopOnInterrupt();
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      stopOnInterrupt();
      // The wrapper is gone; whatever it started goes with it.
      endGroup();
      if (pending) take(Buffer.from('\n'));
      resolve({ code: code ?? 1, output });
    });
  });
}
