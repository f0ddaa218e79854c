import seed from './seed.json' with { type: 'json' };
import { streamkap } from './definition.js';
import { streamkapSemantics } from './semantics.js';
import { defaultSandboxVendor, seedResponse, type State } from '../../sandbox/vendor-defaults.js';

/** FastAPI's error type for each JSON Schema keyword (its validation errors are 422 `detail` lists). */
const FASTAPI_TYPES: Record<string, string> = {
  required: 'missing',
  additionalProperties: 'extra_forbidden',
  type: 'type_error',
  enum: 'enum',
  format: 'value_error',
};

export const streamkapSandbox = defaultSandboxVendor(streamkap, streamkapSemantics, {
  invalidBodyStatus: 422,
  seed: () => [{ params: { destination_id: String((seed.response as State).id) }, state: seedResponse(seed) as State }],
  stateFor: (params) => ({ ...(seedResponse(seed) as State), id: params.destination_id }),
  errorBody(_status, message, issues, location = 'body') {
    if (!issues || issues.length === 0) return { detail: message };
    return {
      detail: issues.map((issue) => ({
        loc: [location, ...issue.path.split('/').slice(1)],
        msg: issue.message.slice(issue.message.indexOf(': ') + 2),
        type: FASTAPI_TYPES[issue.keyword] ?? 'value_error',
      })),
    };
  },
});
