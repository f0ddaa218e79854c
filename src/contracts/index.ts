import { vendorModule, type VendorId } from '../vendors/index.js';
import type { ContractInteraction, VendorContract } from './types.js';

export type { ContractInteraction, VendorContract } from './types.js';

/** The consumer contract of a registered vendor. */
export function contractOf(vendor: VendorId): VendorContract {
  return vendorModule(vendor).contract();
}

/** The interaction of the page's documented example: the first of every contract. */
export function documentedExample(vendor: VendorId): ContractInteraction {
  return contractOf(vendor).interactions[0]!;
}

export const DEFAULT_CONSUMER = 'destination-contracts';

/** The consumer name pacts are written under; teams publish under their own with DESTCONF_CONSUMER_NAME. */
export function consumerName(env: NodeJS.ProcessEnv = process.env): string {
  return env.DESTCONF_CONSUMER_NAME?.trim() || DEFAULT_CONSUMER;
}

export function pactFileName(consumer: string, provider: string): string {
  return `${consumer}-${provider}.json`;
}
