import { UsageError } from '../util/errors.js';
import type { VendorModule } from '../vendors/types.js';
import type { ContractInteraction } from './types.js';

export type { ContractInteraction, VendorContract } from './types.js';

/** The interaction of the page's documented example: the first of every contract. */
export function documentedExample(vendor: VendorModule): ContractInteraction {
  return vendor.contract().interactions[0]!;
}

export const DEFAULT_CONSUMER = 'destination-contracts';

/** The consumer name pacts are written under; teams publish under their own with DESTCONF_CONSUMER_NAME. */
export function consumerName(env: NodeJS.ProcessEnv = process.env): string {
  const given = env.DESTCONF_CONSUMER_NAME?.trim();
  return given ? checkedConsumerName(given, 'DESTCONF_CONSUMER_NAME') : DEFAULT_CONSUMER;
}

/**
 * A consumer name names a pact file (`<consumer>-<provider>.json`, as the Pact core writes it), so it must be
 * one file name: a separator or a dot segment would write outside the output folder, a control character
 * would break the terminal and the broker's URLs. Refused in one line, before anything runs.
 */
export function checkedConsumerName(name: string, source: string): string {
  const reason = /[/\\]/.test(name)
    ? 'a path separator'
    : /[\u0000-\u001f\u007f]/.test(name)
      ? 'a control character'
      : name === '.' || name === '..'
        ? 'only dots'
        : undefined;
  if (reason) throw new UsageError(`${source} ${JSON.stringify(name)} cannot name a pact file: it holds ${reason} (use letters, digits, "-", "_" or ".", e.g. "acme-client")`);
  return name;
}

export function pactFileName(consumer: string, provider: string): string {
  return `${consumer}-${provider}.json`;
}
