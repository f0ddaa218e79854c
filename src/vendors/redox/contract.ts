import docRequest from '../../../fixtures/docs/redox/request.json' with { type: 'json' };
import type { VendorContract } from '../../contracts/types.js';
import { standardInteractions, successfulUpdate } from '../../contracts/interactions.js';

const params = { destinationId: '497f6eca-6276-4993-bfeb-53cbbbba6f08' };
// The page's example endpoint is the placeholder "string"; the contract sends an https URL. It
// leaves verificationToken out: replayed against a live destination, a contract must never
// overwrite a stored secret.
const { verificationToken: _secret, ...documented } = docRequest;
const exampleBody = { ...documented, endpoint: 'https://hooks.example.com/redox-inbound' };

export const redoxContract: VendorContract = {
  vendor: 'redox',
  interactions: [
    ...standardInteractions('redox', {
      params,
      missingParams: { destinationId: '00000000-0000-4000-8000-000000000000' },
      exampleBody,
      // Not an http endpoint: the page requires HTTPS for Production and Staging only, and the
      // contract cannot know the destination's environment (a probe reads it). A wrong type
      // breaks the page in every environment.
      invalidBody: { name: 42 },
      invalidWhy: 'sends a number as name',
    }),
    successfulUpdate('redox', 'a name-only update', params, { name: 'EHR inbound (renamed)' }),
    successfulUpdate('redox', 'an endpoint-only update', params, { endpoint: 'https://hooks.example.com/redox-v2' }),
  ],
};
