import type { VendorId } from '../vendors/index.js';
import { ampersandSemantics } from '../vendors/ampersand/semantics.js';
import { prequelSemantics } from '../vendors/prequel/semantics.js';
import { redoxSemantics } from '../vendors/redox/semantics.js';
import { stitchSemantics } from '../vendors/stitch/semantics.js';
import { streamkapSemantics } from '../vendors/streamkap/semantics.js';
import type { VendorSemantics } from './types.js';

export type { VendorSemantics, UpdateRequest } from './types.js';

export const SEMANTICS: Readonly<Record<VendorId, VendorSemantics>> = {
  streamkap: streamkapSemantics,
  stitch: stitchSemantics,
  prequel: prequelSemantics,
  ampersand: ampersandSemantics,
  redox: redoxSemantics,
};
