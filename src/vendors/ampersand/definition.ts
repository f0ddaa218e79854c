import request from '../../../schemas/ampersand/request.json' with { type: 'json' };
import response from '../../../schemas/ampersand/response.json' with { type: 'json' };
import path from '../../../schemas/ampersand/path.json' with { type: 'json' };
import headers from '../../../schemas/ampersand/headers.json' with { type: 'json' };
import { apiKeyHeader, type VendorDefinition } from '../types.js';

export const ampersand: VendorDefinition<'ampersand'> = {
  id: 'ampersand',
  title: 'Ampersand',
  seedFile: '003_89b7599df62a355a.txt',
  docUrl: 'https://api.withampersand.com/v1/projects/{projectIdOrName}/destinations/{destination}',
  method: 'PATCH',
  providerName: 'ampersand-api',
  pathTemplate: '/v1/projects/{projectIdOrName}/destinations/{destination}',
  pathParameters: [
    { name: 'projectIdOrName', inputKey: 'projectIdOrName' },
    { name: 'destination', inputKey: 'destinationId' },
  ],
  auth: apiKeyHeader('X-Api-Key'),
  destinationPointer: '',
  timestamps: { created: 'createTime', updated: 'updateTime' },
  schemas: { request, response, path, headers },
};

/** Every path the page allows in updateMask ("Allowed values include"), read from the schema. */
export const AMPERSAND_MASK_PATHS: readonly string[] = (ampersand.schemas.request as { properties: { updateMask: { items: { 'x-documented-values': string[] } } } }).properties.updateMask.items['x-documented-values'];
