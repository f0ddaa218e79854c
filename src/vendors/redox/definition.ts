import request from '../../../schemas/redox/request.json' with { type: 'json' };
import response from '../../../schemas/redox/response.json' with { type: 'json' };
import path from '../../../schemas/redox/path.json' with { type: 'json' };
import headers from '../../../schemas/redox/headers.json' with { type: 'json' };
import { BEARER, type VendorDefinition } from '../types.js';

export const redox: VendorDefinition<'redox'> = {
  id: 'redox',
  title: 'Redox',
  seedFile: '004_82cd98d4ecf196c5.txt',
  docUrl: 'https://api.redoxengine.com/platform/v1/destinations/{destinationId}',
  method: 'PATCH',
  providerName: 'redox-api',
  pathTemplate: '/platform/v1/destinations/{destinationId}',
  pathParameters: [{ name: 'destinationId', inputKey: 'destinationId' }],
  auth: BEARER,
  destinationPointer: '/payload/destination',
  schemas: { request, response, path, headers },
};
