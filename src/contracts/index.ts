import type { VendorId } from '../vendors/index.js';
import { ampersandContract } from '../vendors/ampersand/contract.js';
import { prequelContract } from '../vendors/prequel/contract.js';
import { redoxContract } from '../vendors/redox/contract.js';
import { stitchContract } from '../vendors/stitch/contract.js';
import { streamkapContract } from '../vendors/streamkap/contract.js';
import type { VendorContract } from './types.js';

export type { ContractInteraction, VendorContract } from './types.js';

export const CONTRACTS: Readonly<Record<VendorId, VendorContract>> = {
  streamkap: streamkapContract,
  stitch: stitchContract,
  prequel: prequelContract,
  ampersand: ampersandContract,
  redox: redoxContract,
};

export const DEFAULT_CONSUMER = 'destination-contracts';

/** The consumer name pacts are written under; teams publish under their own with DESTCONF_CONSUMER_NAME. */
export function consumerName(env: NodeJS.ProcessEnv = process.env): string {
  return env.DESTCONF_CONSUMER_NAME?.trim() || DEFAULT_CONSUMER;
}

export function pactFileName(consumer: string, provider: string): string {
  return `${consumer}-${provider}.json`;
}
