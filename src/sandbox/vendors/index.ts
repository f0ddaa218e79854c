import type { VendorId } from '../../vendors/index.js';
import type { SandboxVendor } from '../types.js';
import { ampersandSandbox } from '../../vendors/ampersand/sandbox.js';
import { prequelSandbox } from '../../vendors/prequel/sandbox.js';
import { redoxSandbox } from '../../vendors/redox/sandbox.js';
import { stitchSandbox } from '../../vendors/stitch/sandbox.js';
import { streamkapSandbox } from '../../vendors/streamkap/sandbox.js';

export const SANDBOX_VENDORS: Readonly<Record<VendorId, SandboxVendor>> = {
  streamkap: streamkapSandbox,
  stitch: stitchSandbox,
  prequel: prequelSandbox,
  ampersand: ampersandSandbox,
  redox: redoxSandbox,
};
