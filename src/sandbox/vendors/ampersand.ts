import seed from '../seeds/ampersand.json' with { type: 'json' };
import { ampersand } from '../../vendors/ampersand.js';
import { defaultSandboxVendor, seedResponse, type State } from '../vendor-defaults.js';

export const ampersandSandbox = defaultSandboxVendor(ampersand, {
  seed: () => [{ params: { projectIdOrName: seed.project, destination: String((seed.response as State).id) }, state: seedResponse(seed) as State }],
  stateFor: (params) => ({ ...(seedResponse(seed) as State), id: params.destination }),
  // Problem details (RFC 9457) fields, served as application/json.
  errorBody: (status, message, issues) => ({
    type: 'about:blank',
    title: status === 401 ? 'Unauthorized' : status === 404 ? 'Not Found' : 'Bad Request',
    status,
    detail: message,
    ...(issues && issues.length > 0 ? { errors: issues.map((i) => ({ path: i.path, message: i.message })) } : {}),
  }),
});
