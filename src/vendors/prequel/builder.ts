import { prequel } from './definition.js';
import type { PrequelUpdateDestinationRequest } from '../../types/generated/prequel/request.js';
import { buildRequest, type BuiltRequest } from '../../builders/core.js';

export interface PrequelUpdateInput {
  readonly destinationId: string;
  readonly body: PrequelUpdateDestinationRequest;
}

/** PATCH /destinations/{destination_id} with `X-API-KEY: <api key>`. */
export function buildPrequelUpdate(input: PrequelUpdateInput, credentials: { readonly apiKey: string }): BuiltRequest {
  return buildRequest(prequel, { destination_id: input.destinationId }, credentials, input.body);
}
