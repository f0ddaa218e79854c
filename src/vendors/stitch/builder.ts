import { stitch } from './definition.js';
import type { StitchUpdateDestinationRequest } from '../../types/generated/stitch/request.js';
import { buildRequest, type BuiltRequest } from '../../builders/core.js';

export interface StitchUpdateInput {
  readonly destinationId: string;
  readonly body: StitchUpdateDestinationRequest;
}

/** PUT /v3/destinations/{destination_id} with `Authorization: Bearer <token>`. */
export function buildStitchUpdate(input: StitchUpdateInput, credentials: { readonly token: string }): BuiltRequest {
  return buildRequest(stitch, { destination_id: input.destinationId }, credentials, input.body);
}
