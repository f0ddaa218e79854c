/** The reference client (examples/reference-client): the consumer the contracts are written by. */
import { pathToFileURL } from 'node:url';
import { fromRoot } from '../util/paths.js';
import type { VendorId } from '../vendors/index.js';
import type { ClientFactory } from './runner.js';

export const referenceAdapterPath = (): string => fromRoot('examples/reference-client/adapter.mjs');

export async function loadReferenceClients(): Promise<Record<VendorId, ClientFactory>> {
  return ((await import(pathToFileURL(referenceAdapterPath()).href)) as { default: Record<VendorId, ClientFactory> }).default;
}
