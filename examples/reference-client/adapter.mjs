// The adapter `destconf check-client` loads: vendor id → client factory ({ baseUrl, credentials }).
import { ampersandClient, prequelClient, redoxClient, stitchClient, streamkapClient } from './client.mjs';

export default {
  streamkap: streamkapClient,
  stitch: stitchClient,
  prequel: prequelClient,
  ampersand: ampersandClient,
  redox: redoxClient,
};
