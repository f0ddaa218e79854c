/** The reference client (examples/reference-client): the consumer the contracts are written by. */
import { pathToFileURL } from 'node:url';
import { UsageError } from '../util/errors.js';
import { fromRoot } from '../util/paths.js';
import type { VendorId } from '../vendors/types.js';
import type { ClientFactory } from './client.js';

export const referenceAdapterPath = (): string => fromRoot('examples/reference-client/adapter.mjs');

export async function loadReferenceClients(): Promise<Record<VendorId, ClientFactory>> {
  return ((await import(pathToFileURL(referenceAdapterPath()).href)) as { default: Record<VendorId, ClientFactory> }).default;
}

/** The reference client of a vendor; a vendor it does not cover (one registered from outside) is a usage error. */
export function referenceClientOf(clients: Record<VendorId, ClientFactory>, vendor: VendorId): ClientFactory {
  const factory = clients[vendor];
  if (!factory) throw new UsageError(`the reference client (examples/reference-client) has no client for vendor ${vendor}: write the pacts of your own client with \`destconf check-client --pact-out\``);
  return factory;
}
