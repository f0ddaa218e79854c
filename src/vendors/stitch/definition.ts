import request from '../../../schemas/stitch/request.json' with { type: 'json' };
import response from '../../../schemas/stitch/response.json' with { type: 'json' };
import path from '../../../schemas/stitch/path.json' with { type: 'json' };
import headers from '../../../schemas/stitch/headers.json' with { type: 'json' };
import { BEARER, type VendorDefinition } from '../types.js';

export const stitch: VendorDefinition<'stitch'> = {
  id: 'stitch',
  title: 'Stitch (Connect v3)',
  seedFile: '001_d08b4d8346162091.txt',
  docUrl: 'https://api.stitchdata.com/v3/destinations/{destination_id}',
  method: 'PUT',
  providerName: 'stitch-api',
  pathTemplate: '/v3/destinations/{destination_id}',
  pathParameters: [{ name: 'destination_id', inputKey: 'destinationId' }],
  auth: BEARER,
  destinationPointer: '',
  timestamps: { created: 'created_at', updated: 'updated_at' },
  schemas: { request, response, path, headers },
};
