import type { VendorId } from '../vendors/index.js';
import { ampersandSemantics } from './ampersand.js';
import { prequelSemantics } from './prequel.js';
import { redoxSemantics } from './redox.js';
import { stitchSemantics } from './stitch.js';
import { streamkapSemantics } from './streamkap.js';
import type { VendorSemantics } from './types.js';

export type { VendorSemantics, UpdateRequest } from './types.js';

export const SEMANTICS: Readonly<Record<VendorId, VendorSemantics>> = {
  streamkap: streamkapSemantics,
  stitch: stitchSemantics,
  prequel: prequelSemantics,
  ampersand: ampersandSemantics,
  redox: redoxSemantics,
};
