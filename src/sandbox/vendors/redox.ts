import seed from '../seeds/redox.json' with { type: 'json' };
import { redox } from '../../vendors/redox.js';
import { defaultSandboxVendor, seedResponse, type State } from '../vendor-defaults.js';

const seededState = (): State => (seedResponse(seed) as { payload: { destination: State } }).payload.destination;

export const redoxSandbox = defaultSandboxVendor(redox, {
  seed: () => [{ params: { destinationId: String(seededState().id) }, state: seededState() }],
  stateFor: (params) => ({ ...seededState(), id: params.destinationId }),
  // The response envelope (meta) with an errors list.
  errorBody: (_status, message, issues) => ({
    meta: { version: '1.0.0' },
    errors: issues && issues.length > 0 ? issues.map((i) => ({ path: i.path, message: i.message })) : [{ message }],
  }),
});
