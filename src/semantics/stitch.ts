import type { VendorSemantics } from './types.js';
import { touched } from './json.js';

/**
 * PUT replaces `type` and the whole `connection` object. The response is the Destination object;
 * the page's example echoes the connection as sent, password included.
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
    return state;
  },
};
