import type { VendorSemantics } from '../../semantics/types.js';
import { touched, withoutPointers } from '../../semantics/json.js';
import { secretPointers } from '../../schemas/walk.js';
import { stitch as vendor } from './definition.js';

/**
 * PUT replaces `type` and the whole `connection` object. The response is the Destination object.
 * The page's example echoes the password, but Stitch's docs say it "will never be returned by the
 * API": the connection is shown without secret fields.
 */
export const stitchSemantics: VendorSemantics = {
  apply(state, { body }, now) {
    const { type, connection } = body as { type: string; connection: Record<string, unknown> };
    return touched(state, { ...state, type, connection: structuredClone(connection) }, 'updated_at', now);
  },
  stateOf(response) {
    return structuredClone(response) as Record<string, unknown>;
  },
  present(state) {
    return withoutPointers(state, secretPointers(vendor.schemas.request, state).filter((p) => p.startsWith('/connection/')));
  },
};
