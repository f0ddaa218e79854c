import { streamkap as vendor } from './definition.js';
import { isRecord } from '../../schemas/walk.js';
import type { VendorSemantics } from '../../semantics/types.js';

export const MASKED_SECRET = '********';

/**
 * PUT replaces what the request describes (name, connector, config) wholesale; fields the server
 * owns (id, timestamps, tenant, topics, tasks, statuses) stay. The response hides secret config
 * values unless `secret_returned=true`; with `wait=false` the connector is reported `Pending`
 * (saved, Kafka Connect not yet updated).
 */
export const streamkapSemantics: VendorSemantics = {
  apply(state, { body }) {
    const { name, connector, config } = body as { name: string; connector: string; config: Record<string, unknown> };
    return { ...state, name, connector, config: structuredClone(config) };
  },
  stateOf(response) {
    return structuredClone(response) as Record<string, unknown>;
  },
  present(state, { query }) {
    const secretReturned = query?.secret_returned === true;
    const config = isRecord(state.config) ? state.config : {};
    const shown = secretReturned
      ? config
      : Object.fromEntries(Object.entries(config).map(([k, v]) => [k, vendor.isSecretOpenKey?.(k) ? MASKED_SECRET : v]));
    return { ...state, config: shown, ...(query?.wait === false ? { connector_status: 'Pending' } : {}) };
  },
};
