import request from '../../../schemas/streamkap/request.json' with { type: 'json' };
import response from '../../../schemas/streamkap/response.json' with { type: 'json' };
import path from '../../../schemas/streamkap/path.json' with { type: 'json' };
import query from '../../../schemas/streamkap/query.json' with { type: 'json' };
import headers from '../../../schemas/streamkap/headers.json' with { type: 'json' };
import { BEARER, type VendorDefinition } from '../types.js';

/** Undocumented on the page: which connector config keys are secret. See request.json $comment. */
const SECRET_CONFIG_KEY = /password|secret|private[._-]?key|token|credential|api[._-]?key/i;

export const streamkap: VendorDefinition<'streamkap'> = {
  id: 'streamkap',
  title: 'Streamkap',
  seedFile: '000_d50d16beb4fbfe78.txt',
  docUrl: 'https://api.streamkap.com/destinations/{destination_id}',
  method: 'PUT',
  providerName: 'streamkap-api',
  pathTemplate: '/destinations/{destination_id}',
  pathParameters: [{ name: 'destination_id', inputKey: 'destinationId' }],
  auth: BEARER,
  destinationPointer: '',
  // The page documents a creation timestamp only ("Creation timestamp (ISO 8601)"), no update timestamp.
  timestamps: { created: 'created_timestamp' },
  // secret_returned: "Whether to include secret values in the response".
  revealsSecrets: (query) => /^true$/i.test(query.secret_returned ?? ''),
  schemas: { request, response, path, query, headers },
  isSecretOpenKey: (key) => SECRET_CONFIG_KEY.test(key),
};
