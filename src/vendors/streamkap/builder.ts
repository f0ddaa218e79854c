import { streamkap } from './definition.js';
import type { StreamkapUpdateDestinationRequest } from '../../types/generated/streamkap/request.js';
import type { StreamkapUpdateDestinationQuery } from '../../types/generated/streamkap/query.js';
import { buildRequest, type BuiltRequest } from '../../builders/core.js';

export interface StreamkapUpdateInput {
  readonly destinationId: string;
  readonly body: StreamkapUpdateDestinationRequest;
  readonly query?: StreamkapUpdateDestinationQuery;
}

/** PUT /destinations/{destination_id}?secret_returned&wait with `Authorization: Bearer <token>`. */
export function buildStreamkapUpdate(input: StreamkapUpdateInput, credentials: { readonly token: string }): BuiltRequest {
  return buildRequest(streamkap, { destination_id: input.destinationId }, credentials, input.body, {
    secret_returned: input.query?.secret_returned,
    wait: input.query?.wait,
  });
}
