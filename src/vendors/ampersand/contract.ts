import docRequest from '../../../fixtures/docs/ampersand/request.json' with { type: 'json' };
import type { VendorContract } from '../../contracts/types.js';
import { standardInteractions, successfulUpdate } from '../../contracts/interactions.js';
import { once } from '../../util/once.js';
import { ampersandSandbox } from './sandbox.js';

const params = { projectIdOrName: 'example-project', destinationId: 'dest-7c1f0d' };

/** Built on first use: the example answers come from the sandbox, which validates through the registry. */
export const ampersandContract = once((): VendorContract => ({
  vendor: 'ampersand',
  interactions: [
    ...standardInteractions(ampersandSandbox, {
      params,
      missingParams: { projectIdOrName: 'example-project', destinationId: 'dest-does-not-exist' },
      exampleBody: docRequest,
      invalidBody: { destination: docRequest.destination },
      invalidWhy: 'misses the required updateMask',
    }),
    successfulUpdate(ampersandSandbox, 'an updateMask naming a subset of what the body carries', params, {
      updateMask: ['name'],
      destination: { name: 'renamedWebhook', metadata: { url: 'https://ignored.example.com/hook', region: 'eu-west-1' } },
    }),
  ],
}));
