import type { VendorId } from '../vendors/index.js';

/**
 * The credentials the bundled sandbox accepts. They guard nothing (the sandbox is local and holds
 * no data of yours); `destconf sandbox` prints them so a client can be pointed at it.
 */
export const SANDBOX_CREDENTIALS: Readonly<Record<VendorId, string>> = {
  streamkap: 'sandbox-streamkap-token',
  stitch: 'sandbox-stitch-token',
  prequel: 'sandbox-prequel-api-key',
  ampersand: 'sandbox-ampersand-api-key',
  redox: 'sandbox-redox-token',
};
