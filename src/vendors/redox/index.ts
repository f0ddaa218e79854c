/** Redox: everything the engines need, one module of this folder each. */
import type { VendorModule } from '../types.js';
import { redoxContract } from './contract.js';
import { redox } from './definition.js';
import { redoxProbes } from './probes.js';
import { redoxSandbox } from './sandbox.js';
import { redoxSemantics } from './semantics.js';

export { buildRedoxUpdate, type RedoxUpdateInput } from './builder.js';

export const redoxVendor: VendorModule<'redox'> = {
  definition: redox,
  semantics: redoxSemantics,
  sandbox: redoxSandbox,
  contract: redoxContract,
  probes: redoxProbes,
};
