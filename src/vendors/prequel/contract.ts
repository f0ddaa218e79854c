import docPostgres from '../../../fixtures/docs/prequel/per-block/request-postgres.json' with { type: 'json' };
import { withoutPointers } from '../../semantics/json.js';
import type { VendorContract } from '../../contracts/types.js';
import { standardInteractions, successfulUpdate } from '../../contracts/interactions.js';
import { once } from '../../util/once.js';
import { prequelSandbox } from './sandbox.js';

const params = { destinationId: '9f0c8d52-6a43-4c3e-9a57-3e5c1f2b7d10' };

/** Built on first use: the example answers come from the sandbox, which validates through the registry. */
export const prequelContract = once((): VendorContract => ({
  vendor: 'prequel',
  interactions: [
    ...standardInteractions(prequelSandbox, {
      params,
      missingParams: { destinationId: '00000000-0000-4000-8000-000000000000' },
      // The page's example carries all 21 blocks; the documented example here is its postgres block,
      // without what no answer shows (the password, the request-only machine_type_id): replayed
      // against a live destination, a contract must never write what cannot be read back and
      // restored (a PATCH leaves the fields it does not name as they are).
      exampleBody: withoutPointers(docPostgres, ['/destination/postgres/password_auth/password', '/destination/machine_type_id']),
      invalidBody: {},
      invalidWhy: 'misses the required destination',
    }),
    successfulUpdate(prequelSandbox, 'a single-block update (postgres host and port)', params, {
      destination: { postgres: { host: 'pg-new.example.com', port: 6543 } },
    }),
    successfulUpdate(prequelSandbox, 'a settings-only update (frequency_minutes, is_enabled)', params, {
      destination: { frequency_minutes: 30, is_enabled: false },
    }),
  ],
}));
