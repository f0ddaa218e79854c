import docRequest from '../../../fixtures/docs/redox/request.json' with { type: 'json' };
import type { VendorContract } from '../../contracts/types.js';
import { standardInteractions, successfulUpdate } from '../../contracts/interactions.js';
import { once } from '../../util/once.js';
import { redoxSandbox } from './sandbox.js';

const params = { destinationId: '497f6eca-6276-4993-bfeb-53cbbbba6f08' };
// The page's example endpoint is the placeholder "string"; the contract sends an https URL. It
// leaves verificationToken out: replayed against a live destination, a contract must never
// overwrite a stored secret.
const { verificationToken: _secret, ...documented } = docRequest;
const exampleBody = { ...documented, endpoint: 'https://hooks.example.com/redox-inbound' };

/** Built on first use: the example answers come from the sandbox, which validates through the registry. */
export const redoxContract = once((): VendorContract => ({
  vendor: 'redox',
  interactions: [
    ...standardInteractions(redoxSandbox, {
      params,
      missingParams: { destinationId: '00000000-0000-4000-8000-000000000000' },
      exampleBody,
      // Not an http endpoint: the page requires HTTPS for Production and Staging only, and the
      // contract cannot know the destination's environment (a probe reads it). A wrong type
      // breaks the page in every environment.
      invalidBody: { name: 42 },
      invalidWhy: 'sends a number as name',
    }),
    successfulUpdate(redoxSandbox, 'a name-only update', params, { name: 'EHR inbound (renamed)' }),
    successfulUpdate(redoxSandbox, 'an endpoint-only update', params, { endpoint: 'https://hooks.example.com/redox-v2' }),
  ],
}));
