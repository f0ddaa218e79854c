/**
 * The tests' view of the vendors: the library's id-based functions (src/index.ts, a composition root
 * like the CLI) over its catalogue, and the lists the tests iterate. Engines take the vendor as a value;
 * tests name vendors by id, as users do.
 */
import { BUILT_IN_CATALOGUE, vendorModule, type VendorId } from '../../src/index.js';
import type { VendorContract } from '../../src/contracts/types.js';
import type { VendorSemantics } from '../../src/semantics/types.js';

export { arbitrariesFor, checkClient, drift, getVendor, hasSchema, isVendorId, planVerify, registerVendor, startSandbox, validate, vendorIds, vendorModule, verify } from '../../src/index.js';

/** The built-in vendors, in report order. */
export const VENDOR_MODULES = BUILT_IN_CATALOGUE.modules;
export const VENDORS = BUILT_IN_CATALOGUE.definitions;
export const VENDOR_IDS = BUILT_IN_CATALOGUE.ids;

export const semanticsOf = (vendor: VendorId): VendorSemantics => vendorModule(vendor).semantics;
export const contractOf = (vendor: VendorId): VendorContract => vendorModule(vendor).contract();
