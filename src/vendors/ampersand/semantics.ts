import type { VendorSemantics } from '../../semantics/types.js';
import { getPath, touched, withPath } from '../../semantics/json.js';
import { ampersand } from './definition.js';

const DOCUMENTED_PATHS = (ampersand.schemas.request.properties as { updateMask: { items: { 'x-documented-values': string[] } } }).updateMask.items['x-documented-values'];

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
  // A masked secret path is written (or cleared, when the body leaves it out); an unmasked one is ignored.
  secretsWrittenBy(body) {
    const mask = (body as { updateMask?: unknown }).updateMask;
    if (!Array.isArray(mask)) return [];
    return mask.filter((p): p is string => typeof p === 'string' && (p === 'secrets' || p.startsWith('secrets.'))).map((p) => `/destination/${p.split('.').join('/')}`);
  },
  stateOf(response) {
    return structuredClone(response) as Record<string, unknown>;
  },
  present(state) {
    const { secrets: _secrets, ...shown } = state;
    return shown;
  },
  readBack: {
    emptyUpdate: { updateMask: [], destination: {} },
    // Every documented non-secret path masked with the value it had: a path it lacked is cleared.
    restoreBody(answer) {
      const paths = DOCUMENTED_PATHS.filter((p) => !p.startsWith('secrets.'));
      let destination: Record<string, unknown> = {};
      for (const path of paths) {
        const value = getPath(answer, path.split('.'));
        if (value !== undefined) destination = withPath(destination, path.split('.'), value);
      }
      return { updateMask: paths, destination };
    },
    // An empty mask may be refused: two one-path updates that write back what they name (each shows what the other writes).
    fallbackReads(answer) {
      const written = new Set<string>();
      const paths = DOCUMENTED_PATHS.filter((p) => {
        const top = p.split('.')[0]!;
        if (p.startsWith('secrets.') || typeof getPath(answer, p.split('.')) !== 'string' || written.has(top) || written.size >= 2) return false;
        written.add(top);
        return true;
      });
      return paths.map((path) => ({ body: { updateMask: [path], destination: withPath({}, path.split('.'), getPath(answer, path.split('.'))) }, writes: [path.split('.')[0]!] }));
    },
    // The restore masks every documented non-secret path: one the destination lacked is cleared.
    clearedByRestore: (pointer) =>
      pointer === '/updateMask' ||
      DOCUMENTED_PATHS.some((path) => !path.startsWith('secrets.') && `${pointer}/`.startsWith(`/destination/${path.split('.').join('/')}/`)),
  },
};
