/** Ampersand: everything the engines need, one module of this folder each. */
import type { VendorModule } from '../types.js';
import { ampersandContract } from './contract.js';
import { ampersand } from './definition.js';
import { ampersandProbes } from './probes.js';
import { ampersandSandbox } from './sandbox.js';
import { ampersandSemantics } from './semantics.js';

export { buildAmpersandUpdate, type AmpersandUpdateInput } from './builder.js';

export const ampersandVendor: VendorModule<'ampersand'> = {
  definition: ampersand,
  semantics: ampersandSemantics,
  sandbox: ampersandSandbox,
  contract: ampersandContract,
  probes: ampersandProbes,
};
