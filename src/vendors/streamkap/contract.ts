import type { VendorContract } from '../../contracts/types.js';
import { standardInteractions, successfulUpdate } from '../../contracts/interactions.js';
import { once } from '../../util/once.js';
import { streamkapSandbox } from './sandbox.js';

const params = { destinationId: 'dst-5f2b9c1e' };
const body = {
  name: 'analytics-warehouse',
  connector: 'snowflake',
  config: { 'snowflake.url.name': 'acme.snowflakecomputing.com', 'snowflake.user.name': 'STREAMKAP', 'snowflake.private.key': '<PRIVATE_KEY>' },
};

/** Built on first use: the example answers come from the sandbox, which validates through the registry. */
export const streamkapContract = once((): VendorContract => ({
  vendor: 'streamkap',
  interactions: [
    ...standardInteractions(streamkapSandbox, {
      params,
      missingParams: { destinationId: 'dst-does-not-exist' },
      exampleBody: body,
      invalidBody: { name: body.name, connector: body.connector },
      invalidWhy: 'misses the required config',
    }),
    successfulUpdate(streamkapSandbox, 'an update asking for secret values in the response (secret_returned=true)', params, body, { secret_returned: true }),
    successfulUpdate(streamkapSandbox, 'an update that does not wait for Kafka Connect (wait=false)', params, body, { wait: false }),
  ],
}));
