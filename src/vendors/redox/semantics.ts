import type { VendorSemantics } from '../../semantics/types.js';

const FIELDS = ['name', 'authCredential', 'endpoint', 'verificationToken'] as const;

/**
 * The four fields merge over the stored destination; fields left out keep their value. The page
 * documents no update timestamp, so none moves. `verificationToken` is stored, never returned.
 */
export const redoxSemantics: VendorSemantics = {
  apply(state, { body }) {
    const patch = body as Record<string, unknown>;
    const after = { ...state };
    for (const key of FIELDS) if (Object.hasOwn(patch, key)) after[key] = patch[key];
    return after;
  },
  stateOf(response) {
    return structuredClone((response as { payload: { destination: Record<string, unknown> } }).payload.destination);
  },
  present(state) {
    const { verificationToken: _token, ...destination } = state;
    return { meta: { version: '1.0.0' }, payload: { destination } };
  },
  readBack: {
    emptyUpdate: {},
    // The three fields a response shows (the token never comes back, and is never sent).
    restoreBody(answer) {
      const destination = (answer as { payload?: { destination?: Record<string, unknown> } }).payload?.destination ?? {};
      return Object.fromEntries(['name', 'authCredential', 'endpoint'].filter((k) => typeof destination[k] === 'string').map((k) => [k, destination[k]]));
    },
  },
};
