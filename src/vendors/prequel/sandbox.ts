import seed from './seed.json' with { type: 'json' };
import { prequel } from './definition.js';
import { prequelSemantics } from './semantics.js';
import { defaultSandboxVendor, seedResponse, type State } from '../../sandbox/vendor-defaults.js';

const seededState = (): State => (seedResponse(seed) as { data: { destination: State } }).data.destination;

export const prequelSandbox = defaultSandboxVendor(prequel, prequelSemantics, {
  seed: () => [{ params: { destination_id: String(seededState().id) }, state: seededState() }],
  stateFor: (params) => ({ ...seededState(), id: params.destination_id }),
  // Mirrors the success envelope (status, message), with the failing fields.
  errorBody: (_status, message, issues) => ({
    status: 'error',
    message,
    ...(issues && issues.length > 0 ? { errors: issues.map((i) => ({ path: i.path, message: i.message })) } : {}),
  }),
});
