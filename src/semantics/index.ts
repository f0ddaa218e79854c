import { vendorModule, type VendorId } from '../vendors/index.js';
import type { VendorSemantics } from './types.js';

export type { VendorSemantics, UpdateRequest } from './types.js';

/** The update semantics of a registered vendor. */
export function semanticsOf(vendor: VendorId): VendorSemantics {
  return vendorModule(vendor).semantics;
}
