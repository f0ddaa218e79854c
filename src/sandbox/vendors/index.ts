import type { VendorId } from '../../vendors/index.js';
import type { SandboxVendor } from '../types.js';
import { ampersandSandbox } from './ampersand.js';
import { prequelSandbox } from './prequel.js';
import { redoxSandbox } from './redox.js';
import { stitchSandbox } from './stitch.js';
import { streamkapSandbox } from './streamkap.js';

export const SANDBOX_VENDORS: Readonly<Record<VendorId, SandboxVendor>> = {
  streamkap: streamkapSandbox,
  stitch: stitchSandbox,
  prequel: prequelSandbox,
  ampersand: ampersandSandbox,
  redox: redoxSandbox,
};
