import { CONTRACTS } from '../../src/contracts/index.js';
import { isRecord } from '../../src/schemas/walk.js';
import { expectSuccess, fail, pass, type Probe } from './probe.js';

const base = CONTRACTS.stitch.interactions[0]!.body as { type: string; connection: Record<string, unknown> };

export const stitchProbes: readonly Probe[] = [
  {
    name: 'PUT replaces the connection (a field left out is gone)',
    async run({ call }) {
      const first = await call({ body: { ...base, connection: { ...base.connection, ssl: true } } });
      const firstFailure = expectSuccess('the first PUT', first);
      if (firstFailure) return firstFailure;
      const { ssl: _ssl, ...withoutSsl } = base.connection;
      const second = await call({ body: { ...base, connection: withoutSsl } });
      const secondFailure = expectSuccess('the second PUT', second);
      if (secondFailure) return secondFailure;
      const connection = isRecord(second.body) && isRecord(second.body.connection) ? second.body.connection : {};
      if (Object.hasOwn(connection, 'ssl')) return fail('PUT merged: the connection still holds ssl, which the second PUT did not send', { connection: withoutSsl }, { connection });
      return pass();
    },
  },
];
