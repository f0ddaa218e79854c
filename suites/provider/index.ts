import { getVendor, type VendorId } from '../../src/vendors/index.js';
import { identityProbes } from './identity.js';
import { invalidBodyProbes } from './invalid-bodies.js';
import { timestampProbes } from './timestamps.js';
import type { Probe } from './probe.js';
import { ampersandProbes } from '../../src/vendors/ampersand/probes.js';
import { commonProbes } from './common.js';
import { prequelProbes } from '../../src/vendors/prequel/probes.js';
import { redoxProbes } from '../../src/vendors/redox/probes.js';
import { stitchProbes } from '../../src/vendors/stitch/probes.js';
import { streamkapProbes } from '../../src/vendors/streamkap/probes.js';

const VENDOR_PROBES: Readonly<Record<VendorId, readonly Probe[]>> = {
  streamkap: streamkapProbes,
  stitch: stitchProbes,
  prequel: prequelProbes,
  ampersand: ampersandProbes,
  redox: redoxProbes,
};

export function probesFor(vendor: VendorId): readonly Probe[] {
  const definition = getVendor(vendor);
  return [...commonProbes, ...identityProbes(definition), ...timestampProbes(definition), ...invalidBodyProbes(definition), ...VENDOR_PROBES[vendor]];
}
