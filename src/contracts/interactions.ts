/** Helpers the vendor contract modules share. */
import type { SandboxVendor } from '../sandbox/types.js';
import type { VendorDefinition } from '../vendors/types.js';
import { DESTINATION_EXISTS, DESTINATION_EXISTS_IN_PROJECT, DESTINATION_MISSING, type StateParams } from './states.js';
import type { ContractInteraction } from './types.js';

/** The update timestamp of every example response, so that pact files are deterministic. */
export const EXAMPLE_NOW = '2024-06-01T12:00:00.000Z';

export function existsState(vendor: VendorDefinition): string {
  return vendor.pathParameters.some((p) => p.inputKey === 'projectIdOrName') ? DESTINATION_EXISTS_IN_PROJECT : DESTINATION_EXISTS;
}

/** The response the sandbox gives for an update of its seeded destination: the example 2xx body. */
export function exampleResponse(behaviour: SandboxVendor, params: StateParams, body: unknown, query: Readonly<Record<string, boolean>> = {}): unknown {
  const pathParams = Object.fromEntries(behaviour.vendor.pathParameters.map((p) => [p.name, params[p.inputKey]!]));
  const request = { body, query };
  return behaviour.semantics.present(behaviour.semantics.apply(behaviour.stateFor(pathParams), request, EXAMPLE_NOW), request);
}

export function successfulUpdate(
  sandbox: SandboxVendor,
  description: string,
  params: StateParams,
  body: unknown,
  query?: Readonly<Record<string, boolean>>,
): ContractInteraction {
  return {
    description,
    state: existsState(sandbox.vendor),
    params,
    credentials: 'valid',
    body,
    ...(query ? { query } : {}),
    status: 200,
    response: exampleResponse(sandbox, params, body, query),
  };
}

/**
 * The interactions every vendor has: the documented example, a wrong credential, an unknown id and
 * a body breaking a documented rule. No page documents an error status beyond "success", an error
 * body or an error media type, so error interactions pin only what HTTP and the pages support: a
 * wrong credential is 401 or 403; an unknown id is 404, or 400 from a provider that finds the id
 * malformed (a vendor may document 400 for an unknown id); an invalid body is a client error (400, 422…).
 * Error bodies and their content type stay unpinned.
 */
export function standardInteractions(
  sandbox: SandboxVendor,
  options: { params: StateParams; missingParams: StateParams; exampleBody: unknown; invalidBody: unknown; invalidWhy: string },
): ContractInteraction[] {
  const { params, missingParams, exampleBody, invalidBody, invalidWhy } = options;
  const invalidStatus = sandbox.invalidBodyStatus;
  const exists = existsState(sandbox.vendor);
  return [
    successfulUpdate(sandbox, 'an update of an existing destination with the documented example body', params, exampleBody),
    { description: 'an update with a wrong credential', state: exists, params, credentials: 'wrong', body: exampleBody, status: 401, statuses: [401, 403] },
    { description: 'an update of a destination that does not exist', state: DESTINATION_MISSING, params: missingParams, credentials: 'valid', body: exampleBody, status: 404, statuses: [400, 404] },
    { description: `an update whose body ${invalidWhy}`, state: exists, params, credentials: 'valid', body: invalidBody, status: invalidStatus, statuses: 'clientError' },
  ];
}
