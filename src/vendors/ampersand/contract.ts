import docRequest from '../../../fixtures/docs/ampersand/request.json' with { type: 'json' };
import type { VendorContract } from '../../contracts/types.js';
import { standardInteractions, successfulUpdate } from '../../contracts/interactions.js';

const params = { projectIdOrName: 'example-project', destinationId: 'dest-7c1f0d' };

export const ampersandContract: VendorContract = {
  vendor: 'ampersand',
  interactions: [
    ...standardInteractions('ampersand', {
      params,
      missingParams: { projectIdOrName: 'example-project', destinationId: 'dest-does-not-exist' },
      exampleBody: docRequest,
      invalidBody: { destination: docRequest.destination },
      invalidWhy: 'misses the required updateMask',
    }),
    successfulUpdate('ampersand', 'an updateMask naming a subset of what the body carries', params, {
      updateMask: ['name'],
      destination: { name: 'renamedWebhook', metadata: { url: 'https://ignored.example.com/hook', region: 'eu-west-1' } },
    }),
  ],
};
