import type { VendorModule } from '../../src/vendors/types.js';
import { commonProbes } from './common.js';
import { identityProbes } from './identity.js';
import { invalidBodyProbes } from './invalid-bodies.js';
import type { Probe } from './probe.js';
import { timestampProbes } from './timestamps.js';

/** The probes `verify` runs on a vendor: those every vendor gets, then the vendor's own (src/vendors/<id>/probes.ts). */
export function probesFor(vendor: VendorModule): readonly Probe[] {
  return [...commonProbes, ...identityProbes(vendor), ...timestampProbes(vendor), ...invalidBodyProbes(vendor), ...vendor.probes()];
}
