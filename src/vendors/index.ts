/**
 * The built-in vendors: the only file outside a vendor's folder that names vendors. Only the
 * composition roots (src/cli/, src/index.ts, src/conformance/, bench/, scripts/) read it; they make
 * the run's catalogue from it (plus the modules of DESTCONF_VENDORS, ./plugins.ts) and hand it to
 * the engines. Adding a vendor is a folder (src/vendors/<id>/, laid out like the others) and a line
 * in BUILT_IN_VENDORS below.
 */
import { ampersandVendor } from './ampersand/index.js';
import { prequelVendor } from './prequel/index.js';
import { redoxVendor } from './redox/index.js';
import { stitchVendor } from './stitch/index.js';
import { streamkapVendor } from './streamkap/index.js';
import { Catalogue } from './catalogue.js';

/** The vendors this package ships, in the order reports list them. */
export const BUILT_IN_VENDORS = [streamkapVendor, stitchVendor, prequelVendor, ampersandVendor, redoxVendor] as const;

/** The id of a vendor this package ships: the literal union, derived from BUILT_IN_VENDORS. */
export type BuiltInVendorId = (typeof BUILT_IN_VENDORS)[number]['definition']['id'];

/** The catalogue of the built-in vendors, made once. */
export const BUILT_IN_CATALOGUE = new Catalogue(BUILT_IN_VENDORS);
