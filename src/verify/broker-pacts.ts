/**
 * Which of the broker's pacts a verify run replays: one by URL (`--pact-url`, what a broker webhook hands over),
 * or those the consumer version selectors choose for each provider of the run. Asked before anything is sent to a
 * provider, so that broker trouble is a usage error (exit 2), not a provider's failure.
 */
import type { Broker } from '../broker/client.js';
import { pactAt, pactsForVerification, type BrokerPact, type VerificationQuery } from '../broker/pacts-for-verification.js';
import { UsageError } from '../util/errors.js';
import type { VendorDefinition, VendorId } from '../vendors/types.js';

export interface BrokerVerification {
  readonly broker: Broker;
  /** One pact, by URL, instead of the selectors. */
  readonly pactUrl?: string;
  readonly query: VerificationQuery;
  /** Publish each pact's result under this provider version (and branch). */
  readonly publish?: { readonly providerVersion: string; readonly providerBranch?: string };
}

export async function brokerPactsFor(source: BrokerVerification, vendors: readonly VendorDefinition[]): Promise<Map<VendorId, BrokerPact[]>> {
  const found = new Map<VendorId, BrokerPact[]>();
  if (source.pactUrl) {
    const pact = await pactAt(source.broker, source.pactUrl);
    const vendor = vendors.find((v) => v.providerName === pact.provider);
    if (!vendor) throw new UsageError(`the pact at ${source.pactUrl} is for provider ${pact.provider}, which ${vendors.length === 1 ? `--vendor ${vendors[0]!.id} is not` : 'no vendor of this run is'} (${vendors.map((v) => v.providerName).join(', ')})`);
    // The run is about that pact's provider alone.
    return new Map([[vendor.id, [pact]]]);
  }
  for (const vendor of vendors) found.set(vendor.id, await pactsForVerification(source.broker, vendor.providerName, source.query));
  return found;
}
