import { ampersand } from './ampersand/definition.js';
import { prequel } from './prequel/definition.js';
import { redox } from './redox/definition.js';
import { stitch } from './stitch/definition.js';
import { streamkap } from './streamkap/definition.js';
import type { VendorDefinition, VendorId } from './types.js';

export type { VendorDefinition, VendorId, SchemaKind, JsonSchema } from './types.js';

/** Every vendor, in the order reports list them. Adding a vendor: a module above and a line here. */
export const VENDORS: readonly VendorDefinition[] = [streamkap, stitch, prequel, ampersand, redox];
export const VENDOR_IDS: readonly VendorId[] = VENDORS.map((v) => v.id);

export function isVendorId(value: string): value is VendorId {
  return (VENDOR_IDS as readonly string[]).includes(value);
}

export function getVendor(id: VendorId): VendorDefinition {
  const vendor = VENDORS.find((v) => v.id === id);
  if (!vendor) throw new Error(`unknown vendor ${id}`);
  return vendor;
}
