import { decision } from '../../schemas/evidence.js';
import seed from './seed.json' with { type: 'json' };
import { ampersand } from './definition.js';
import { ampersandSemantics } from './semantics.js';
import { defaultSandboxVendor, refusedIssues, seedResponse, type State } from '../../sandbox/vendor-defaults.js';
import { getPath } from '../../semantics/json.js';

/** The response schema requires these: a mask naming one of them cannot clear it. */
const REQUIRED = new Set((ampersand.schemas.response.required as string[] | undefined) ?? []);

export const ampersandSandbox = defaultSandboxVendor(ampersand, ampersandSemantics, {
  // Ampersand's public OpenAPI: 400, 404 and 422 are RFC 9457 problem details with an issues list.
  errorMediaType: 'application/problem+json',
  seed: () => [{ params: { projectIdOrName: seed.project, destination: String((seed.response as State).id) }, state: seedResponse(seed) as State }],
  stateFor: (params) => ({ ...(seedResponse(seed) as State), id: params.destination }),
  errorBody: (status, message, issues, location = 'body') => ({
    type: 'about:blank',
    title: status === 401 ? 'Unauthorized' : status === 404 ? 'Not Found' : 'Bad Request',
    status,
    detail: message,
    ...(issues && issues.length > 0
      ? { issues: issues.map((i) => ({ type: i.keyword, title: 'Invalid value', detail: i.message, in: location, name: i.path })) }
      : {}),
  }),
  validateBody(body) {
    const errors = refusedIssues(ampersand, body);
    if (errors.length > 0) return errors;
    // A masked path the body leaves out is cleared, except a field every destination must have:
    // clearing `name` would answer outside the response schema, so such an update is refused.
    const { updateMask, destination } = body as { updateMask: string[]; destination: Record<string, unknown> };
    return updateMask
      .filter((path) => REQUIRED.has(path) && getPath(destination, path.split('.')) === undefined)
      .map((path) => ({
        path: `/destination/${path.split('.').join('/')}`,
        message: `/destination/${path.split('.').join('/')}: updateMask names ${path}, which every destination must have, but the body leaves it out`,
        keyword: 'required',
        schemaPath: '#/properties/updateMask',
        doc: { seed: ampersand.seedFile, field: 'updateMask' },
        evidence: decision('the sandbox refuses to clear a field the response schema requires'),
      }));
  },
});
