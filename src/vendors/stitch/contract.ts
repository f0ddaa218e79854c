import docRequest from '../../../fixtures/docs/stitch/request.json' with { type: 'json' };
import type { VendorContract } from '../../contracts/types.js';
import { standardInteractions, successfulUpdate } from '../../contracts/interactions.js';

const params = { destinationId: '86741' };

export const stitchContract: VendorContract = {
  vendor: 'stitch',
  interactions: [
    ...standardInteractions('stitch', {
      params,
      missingParams: { destinationId: '999999999' },
      exampleBody: docRequest,
      invalidBody: { type: 'postgres' },
      invalidWhy: 'misses the required connection',
    }),
    successfulUpdate('stitch', 'a full replace of the connection', params, {
      type: 'postgres',
      connection: { host: 'replica.example.com', port: 6432, username: '<USERNAME>', database: 'analytics', password: '<PASSWORD>', ssl: true },
    }),
  ],
};
