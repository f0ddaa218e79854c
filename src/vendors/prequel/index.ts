/** Prequel: everything the engines need, one module of this folder each. */
import type { VendorModule } from '../types.js';
import { prequelContract } from './contract.js';
import { prequel } from './definition.js';
import { prequelProbes } from './probes.js';
import { prequelSandbox } from './sandbox.js';
import { prequelSemantics } from './semantics.js';

export { buildPrequelUpdate, type PrequelUpdateInput } from './builder.js';

export const prequelVendor: VendorModule<'prequel'> = {
  definition: prequel,
  semantics: prequelSemantics,
  sandbox: prequelSandbox,
  contract: prequelContract,
  probes: prequelProbes,
};
