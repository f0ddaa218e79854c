/** Streamkap: everything the engines need, one module of this folder each. */
import type { VendorModule } from '../types.js';
import { streamkapContract } from './contract.js';
import { streamkap } from './definition.js';
import { streamkapProbes } from './probes.js';
import { streamkapSandbox } from './sandbox.js';
import { streamkapSemantics } from './semantics.js';

export { buildStreamkapUpdate, type StreamkapUpdateInput } from './builder.js';

export const streamkapVendor: VendorModule<'streamkap'> = {
  definition: streamkap,
  semantics: streamkapSemantics,
  sandbox: streamkapSandbox,
  contract: streamkapContract,
  probes: streamkapProbes,
};
