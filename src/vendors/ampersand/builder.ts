import { ampersand } from './definition.js';
import type { AmpersandUpdateDestinationRequest } from '../../types/generated/ampersand/request.js';
import { buildRequest, type BuiltRequest } from '../../builders/core.js';

export interface AmpersandUpdateInput {
  readonly projectIdOrName: string;
  readonly destinationId: string;
  readonly body: AmpersandUpdateDestinationRequest;
}

/** PATCH /v1/projects/{projectIdOrName}/destinations/{destination} with `X-Api-Key: <api key>`. */
export function buildAmpersandUpdate(input: AmpersandUpdateInput, credentials: { readonly apiKey: string }): BuiltRequest {
  return buildRequest(ampersand, { projectIdOrName: input.projectIdOrName, destination: input.destinationId }, credentials, input.body);
}
