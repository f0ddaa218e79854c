/**
 * The registry: the only file outside a vendor's folder that names vendors. Every engine iterates
 * it or looks a vendor up in it; adding a vendor is a folder (src/vendors/<id>/, laid out like the
 * others) and a line in BUILT_IN below — or, outside this package, a module given to
 * `registerVendor` (`DESTCONF_VENDORS` for the CLI, see ./plugins.ts).
 */
import { ampersandVendor } from './ampersand/index.js';
import { prequelVendor } from './prequel/index.js';
import { redoxVendor } from './redox/index.js';
import { stitchVendor } from './stitch/index.js';
import { streamkapVendor } from './streamkap/index.js';
import type { VendorDefinition, VendorId, VendorModule } from './types.js';

export type { VendorDefinition, VendorId, VendorModule, SchemaKind, JsonSchema, AuthScheme, PathParameter } from './types.js';
export { BEARER, apiKeyHeader } from './types.js';
export { buildAmpersandUpdate, type AmpersandUpdateInput } from './ampersand/index.js';
export { buildPrequelUpdate, type PrequelUpdateInput } from './prequel/index.js';
export { buildRedoxUpdate, type RedoxUpdateInput } from './redox/index.js';
export { buildStitchUpdate, type StitchUpdateInput } from './stitch/index.js';
export { buildStreamkapUpdate, type StreamkapUpdateInput } from './streamkap/index.js';

/** The vendors this package ships, in the order reports list them. */
const BUILT_IN = [streamkapVendor, stitchVendor, prequelVendor, ampersandVendor, redoxVendor] as const;

/** The id of a vendor this package ships: the literal union, derived from BUILT_IN. */
export type BuiltInVendorId = (typeof BUILT_IN)[number]['definition']['id'];

/**
 * Every registered vendor, in report order. These arrays grow (never shrink) when a vendor is
 * registered, so a caller holding them sees every vendor.
 */
export const VENDOR_MODULES: readonly VendorModule[] = [...BUILT_IN];
export const VENDORS: readonly VendorDefinition[] = VENDOR_MODULES.map((v) => v.definition);
export const VENDOR_IDS: readonly VendorId[] = VENDORS.map((v) => v.id);

export function isVendorId(value: string): value is VendorId {
  return VENDOR_IDS.includes(value);
}

export function vendorModule(id: VendorId): VendorModule {
  const found = VENDOR_MODULES.find((v) => v.definition.id === id);
  if (!found) throw new Error(`unknown vendor ${id}`);
  return found;
}

export function getVendor(id: VendorId): VendorDefinition {
  return vendorModule(id).definition;
}

/**
 * Adds a vendor after the built-in ones. Its id must be new and of the form the CLI, file names and
 * environment variables take (lower-case letters, digits and dashes, from a letter).
 */
export function registerVendor(module: VendorModule): void {
  const id = module.definition?.id;
  if (typeof id !== 'string' || !/^[a-z][a-z0-9-]*$/.test(id)) throw new TypeError(`a vendor id must be lower-case letters, digits and dashes, got ${JSON.stringify(id)}`);
  if (isVendorId(id)) throw new TypeError(`vendor ${id} is already registered`);
  (VENDOR_MODULES as VendorModule[]).push(module);
  (VENDORS as VendorDefinition[]).push(module.definition);
  (VENDOR_IDS as VendorId[]).push(id);
}
