import docRequest from '../../../fixtures/docs/stitch/request.json' with { type: 'json' };
import type { VendorContract } from '../../contracts/types.js';
import { standardInteractions, successfulUpdate } from '../../contracts/interactions.js';
import { once } from '../../util/once.js';
import { stitchSandbox } from './sandbox.js';

const params = { destinationId: '86741' };

/** Built on first use: the example answers come from the sandbox, which validates through the registry. */
export const stitchContract = once((): VendorContract => ({
  vendor: 'stitch',
  interactions: [
    ...standardInteractions(stitchSandbox, {
      params,
      missingParams: { destinationId: '999999999' },
      exampleBody: docRequest,
      invalidBody: { type: 'postgres' },
      invalidWhy: 'misses the required connection',
    }),
    successfulUpdate(stitchSandbox, 'a full replace of the connection', params, {
      type: 'postgres',
      connection: { host: 'replica.example.com', port: 6432, username: '<USERNAME>', database: 'analytics', password: '<PASSWORD>', ssl: true },
    }),
  ],
}));
