/** Helpers the vendor contract modules share. */
import { SANDBOX_VENDORS } from '../sandbox/vendors/index.js';
import { getVendor, type VendorId } from '../vendors/index.js';
import { DESTINATION_EXISTS, DESTINATION_EXISTS_IN_PROJECT, DESTINATION_MISSING, type StateParams } from './states.js';
import type { ContractInteraction } from './types.js';

/** The update timestamp of every example response, so that pact files are deterministic. */
export const EXAMPLE_NOW = '2024-06-01T12:00:00.000Z';

export function existsState(vendor: VendorId): string {
  return getVendor(vendor).pathParameters.some((p) => p.inputKey === 'projectIdOrName') ? DESTINATION_EXISTS_IN_PROJECT : DESTINATION_EXISTS;
}

/** The response the sandbox gives for an update of its seeded destination: the example 2xx body. */
export function exampleResponse(vendor: VendorId, params: StateParams, body: unknown, query: Readonly<Record<string, boolean>> = {}): unknown {
  const behaviour = SANDBOX_VENDORS[vendor];
  const pathParams = Object.fromEntries(behaviour.vendor.pathParameters.map((p) => [p.name, params[p.inputKey]!]));
  const request = { body, query };
  return behaviour.semantics.present(behaviour.semantics.apply(behaviour.stateFor(pathParams), request, EXAMPLE_NOW), request);
}

export function successfulUpdate(
  vendor: VendorId,
  description: string,
  params: StateParams,
  body: unknown,
  query?: Readonly<Record<string, boolean>>,
): ContractInteraction {
  return {
    description,
    state: existsState(vendor),
    params,
    credentials: 'valid',
    body,
    ...(query ? { query } : {}),
    status: 200,
    response: exampleResponse(vendor, params, body, query),
  };
}

/**
 * The interactions every vendor has: the documented example, without credentials (401), an
 * unknown id (404) and a body breaking a documented rule (the vendor's 4xx). Error interactions
 * pin the status and a JSON content type only: no page documents an error body.
 */
export function standardInteractions(
  vendor: VendorId,
  options: { params: StateParams; missingParams: StateParams; exampleBody: unknown; invalidBody: unknown; invalidWhy: string },
): ContractInteraction[] {
  const { params, missingParams, exampleBody, invalidBody, invalidWhy } = options;
  const invalidStatus = SANDBOX_VENDORS[vendor].invalidBodyStatus;
  return [
    successfulUpdate(vendor, 'an update of an existing destination with the documented example body', params, exampleBody),
    { description: 'an update without credentials', state: existsState(vendor), params, credentials: 'none', body: exampleBody, status: 401 },
    { description: 'an update of a destination that does not exist', state: DESTINATION_MISSING, params: missingParams, credentials: 'valid', body: exampleBody, status: 404 },
    { description: `an update whose body ${invalidWhy}`, state: existsState(vendor), params, credentials: 'valid', body: invalidBody, status: invalidStatus },
  ];
}
