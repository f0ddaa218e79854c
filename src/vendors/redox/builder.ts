import { redox } from './definition.js';
import type { RedoxUpdateDestinationRequest } from '../../types/generated/redox/request.js';
import { buildRequest, type BuiltRequest } from '../../builders/core.js';

export interface RedoxUpdateInput {
  readonly destinationId: string;
  readonly body: RedoxUpdateDestinationRequest;
}

/** PATCH /platform/v1/destinations/{destinationId} with `Authorization: Bearer <token>`. */
export function buildRedoxUpdate(input: RedoxUpdateInput, credentials: { readonly token: string }): BuiltRequest {
  return buildRequest(redox, { destinationId: input.destinationId }, credentials, input.body);
}
