/**
 * What the broker tests share (test/broker-*.test.ts, split so that their CLI runs go side by side):
 * the committed pacts in folders of their own, and the pact CLI's processes of one broker.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './cli.js';

export const TOKEN = 'broker-token-7f3a9c1d';
export const committed = (consumer: string, provider: string) => readFileSync(join(ROOT, 'contracts/pacts', `${consumer}-${provider}.json`), 'utf8');

/** A pact folder holding the committed pacts of these providers only (a matrix about one provider reads simply). */
export function pactDir(providers: readonly string[], edit: (pact: Record<string, unknown>) => Record<string, unknown> = (p) => p, consumer = 'destination-contracts'): string {
  const dir = mkdtempSync(join(tmpdir(), 'destconf-broker-pacts-'));
  for (const provider of providers) {
    const pact = JSON.parse(committed('destination-contracts', provider)) as Record<string, unknown>;
    writeFileSync(join(dir, `${consumer}-${provider}.json`), JSON.stringify(edit({ ...pact, consumer: { name: consumer } })));
  }
  return dir;
}

export const changedContent = (pact: Record<string, unknown>) => ({ ...pact, interactions: (pact.interactions as Record<string, unknown>[]).slice(1) });

/**
 * The pact CLI's Rust binaries still running for this broker (their arguments name its URL: other tests'
 * CLIs, run side by side, are not counted), which outlived their node wrapper before it ran in a process
 * group of its own.
 */
export function pactBinariesRunning(brokerUrl: string): number {
  try {
    return execFileSync('pgrep', ['-f', `pact-cli-linux-x64.*${brokerUrl.replace(/[.]/g, '\\.')}`], { encoding: 'utf8' }).trim().split('\n').filter(Boolean).length;
  } catch {
    return 0;
  }
}

/**
 * The official CLI parses each pact and serialises it again, stamping its own pact-models version
 * into metadata.pactRust: byte identity cannot survive `pact broker publish`. Everything else must
 * arrive exactly as committed.
 */
export function withoutCliStamp(pact: { metadata?: { pactRust?: unknown } }) {
  const { metadata = {}, ...rest } = pact;
  const { pactRust: _stamp, ...otherMetadata } = metadata;
  return { ...rest, metadata: otherMetadata };
}
