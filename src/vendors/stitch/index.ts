/** Stitch: everything the engines need, one module of this folder each. */
import type { VendorModule } from '../types.js';
import { stitchContract } from './contract.js';
import { stitch } from './definition.js';
import { stitchProbes } from './probes.js';
import { stitchSandbox } from './sandbox.js';
import { stitchSemantics } from './semantics.js';

export { buildStitchUpdate, type StitchUpdateInput } from './builder.js';

export const stitchVendor: VendorModule<'stitch'> = {
  definition: stitch,
  semantics: stitchSemantics,
  sandbox: stitchSandbox,
  contract: stitchContract,
  probes: stitchProbes,
};
