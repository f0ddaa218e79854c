import seed from '../seeds/stitch.json' with { type: 'json' };
import { stitch } from '../../vendors/stitch.js';
import { defaultSandboxVendor, seedResponse, type State } from '../vendor-defaults.js';

export const stitchSandbox = defaultSandboxVendor(stitch, {
  seed: () => [{ params: { destination_id: String((seed.response as State).id) }, state: seedResponse(seed) as State }],
  stateFor: (params) => ({ ...(seedResponse(seed) as State), id: Number(params.destination_id) }),
  // Stitch ids are integers: any other path segment names no destination.
  keyOf: (params) => (/^[1-9]\d{0,15}$/.test(params.destination_id ?? '') ? params.destination_id : undefined),
  errorBody: (status, message, issues) => ({
    error: { type: status === 401 ? 'unauthorized' : status === 404 ? 'not_found' : 'bad_request', message: withIssues(message, issues) },
  }),
});

function withIssues(message: string, issues?: readonly { message: string }[]): string {
  return issues && issues.length > 0 ? `${message}: ${issues.map((i) => i.message).join('; ')}` : message;
}
