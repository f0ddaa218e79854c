import type { VendorSemantics } from './types.js';
import { getPath, touched, withPath } from './json.js';

/**
 * The update changes exactly the paths `updateMask` names: a masked path takes the body's value,
 * or is cleared when the body leaves it out; a path the body carries but the mask does not name is
 * ignored. Secrets are stored but not returned: `includeSecrets` is not a parameter of this call.
 */
export const ampersandSemantics: VendorSemantics = {
  apply(state, { body }, now) {
    const { updateMask, destination } = body as { updateMask: string[]; destination: Record<string, unknown> };
    let after = state;
    for (const mask of updateMask) {
      const path = mask.split('.');
      after = withPath(after, path, getPath(destination, path));
    }
    return touched(state, after, 'updateTime', now);
  },
  stateOf(response) {
    return structuredClone(response) as Record<string, unknown>;
  },
  present(state) {
    const { secrets: _secrets, ...shown } = state;
    return shown;
  },
};
