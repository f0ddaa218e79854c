import { vendorMaterial } from '../../schemas/evidence.js';
import seed from './seed.json' with { type: 'json' };
import { stitch } from './definition.js';
import { stitchSemantics } from './semantics.js';
import { defaultSandboxVendor, refusedIssues, seedResponse, type State } from '../../sandbox/vendor-defaults.js';

export const stitchSandbox = defaultSandboxVendor(stitch, stitchSemantics, {
  seed: () => [{ params: { destination_id: String((seed.response as State).id) }, state: seedResponse(seed) as State }],
  stateFor: (params) => ({ ...(seedResponse(seed) as State), id: Number(params.destination_id) }),
  // Stitch ids are integers: any other path segment names no destination. Stitch answers an
  // unknown id with 400 ("invalid connection id"), not 404.
  keyOf: (params) => (/^[1-9]\d{0,15}$/.test(params.destination_id ?? '') ? params.destination_id : undefined),
  notFoundStatus: 400,
  validateBody(body, state) {
    const errors = refusedIssues(stitch, body);
    if (errors.length > 0) return errors;
    // "Modifications to the type attribute are not supported" (Stitch's docs): refused with 400.
    const type = (body as { type: string }).type;
    if (type === state.type) return [];
    return [{ path: '/type', message: `/type: this API endpoint does not support modifying destination type (${String(state.type)} → ${type})`, keyword: 'const', schemaPath: '#/properties/type', doc: { seed: stitch.seedFile, field: 'type' }, evidence: vendorMaterial('Stitch docs: "Modifications to the type attribute are not supported"') }];
  },
  errorBody: (status, message, issues) => ({
    error: { type: status === 401 ? 'unauthorized' : status === 404 ? 'not_found' : 'bad_request', message: withIssues(message, issues) },
  }),
});

function withIssues(message: string, issues?: readonly { message: string }[]): string {
  return issues && issues.length > 0 ? `${message}: ${issues.map((i) => i.message).join('; ')}` : message;
}
