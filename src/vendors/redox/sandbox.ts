import seed from './seed.json' with { type: 'json' };
import { redox } from './definition.js';
import { redoxSemantics } from './semantics.js';
import { defaultSandboxVendor, refusedIssues, seedResponse, type State } from '../../sandbox/vendor-defaults.js';

const seededState = (): State => (seedResponse(seed) as { payload: { destination: State } }).payload.destination;

export const redoxSandbox = defaultSandboxVendor(redox, redoxSemantics, {
  seed: () => [{ params: { destinationId: String(seededState().id) }, state: seededState() }],
  stateFor: (params) => ({ ...seededState(), id: params.destinationId }),
  // "Production and staging applications must use HTTPS": a Development destination may take http.
  validateBody(body, state) {
    const errors = refusedIssues(redox, body);
    const environment = state.environment as { environmentFlag?: unknown } | undefined;
    if (environment?.environmentFlag !== 'Development') return errors;
    return errors.filter((e) => !(e.path === '/endpoint' && e.keyword === 'pattern'));
  },
  // The response envelope (meta) with an errors list.
  errorBody: (_status, message, issues) => ({
    meta: { version: '1.0.0' },
    errors: issues && issues.length > 0 ? issues.map((i) => ({ path: i.path, message: i.message })) : [{ message }],
  }),
});
