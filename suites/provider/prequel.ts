import { CONTRACTS } from '../../src/contracts/index.js';
import { deepEqual } from '../../src/semantics/json.js';
import { isRecord } from '../../src/schemas/walk.js';
import { expectSuccess, fail, pass, type Probe, type ProbeResponse } from './probe.js';

const base = CONTRACTS.prequel.interactions[0]!.body as { destination: Record<string, unknown> & { postgres: Record<string, unknown> } };
const destinationOf = (r: ProbeResponse): Record<string, unknown> =>
  isRecord(r.body) && isRecord(r.body.data) && isRecord(r.body.data.destination) ? r.body.data.destination : {};

export const prequelProbes: readonly Probe[] = [
  {
    name: 'PATCH keeps the fields it does not name',
    async run({ call }) {
      const first = await call({ body: base });
      const firstFailure = expectSuccess('the first PATCH', first);
      if (firstFailure) return firstFailure;
      const before = destinationOf(first);
      const frequency = before.frequency_minutes === 45 ? 46 : 45;
      const second = await call({ body: { destination: { frequency_minutes: frequency } } });
      const secondFailure = expectSuccess('the settings-only PATCH', second);
      if (secondFailure) return secondFailure;
      const after = destinationOf(second);
      for (const field of ['name', 'postgres', 'enabled_models']) {
        if (!deepEqual(after[field], before[field])) {
          return fail(`PATCH dropped or changed ${field}, which it did not name`, { [field]: before[field] }, { [field]: after[field] });
        }
      }
      if (after.frequency_minutes !== frequency) return fail('PATCH did not apply frequency_minutes', { frequency_minutes: frequency }, { frequency_minutes: after.frequency_minutes });
      return pass();
    },
  },
  {
    name: 'a password sent is never returned',
    async run({ call, secret }) {
      const value = secret();
      const postgres = { ...base.destination.postgres, password_auth: { username: 'probe', password: value } };
      const response = await call({ body: { destination: { ...base.destination, postgres } } });
      const failure = expectSuccess('the update', response);
      if (failure) return failure;
      if (response.text.includes(value)) return fail('the password was echoed in the response', 'no password in the response', 'the password in the response');
      return pass();
    },
  },
];
