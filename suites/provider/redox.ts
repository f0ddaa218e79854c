import { CONTRACTS } from '../../src/contracts/index.js';
import { isRecord } from '../../src/schemas/walk.js';
import { expectSuccess, fail, pass, type Probe, type ProbeResponse } from './probe.js';

const base = CONTRACTS.redox.interactions[0]!.body as Record<string, string>;
const destinationOf = (r: ProbeResponse): Record<string, unknown> =>
  isRecord(r.body) && isRecord(r.body.payload) && isRecord(r.body.payload.destination) ? r.body.payload.destination : {};

export const redoxProbes: readonly Probe[] = [
  {
    name: 'PATCH keeps the fields it does not name',
    async run({ call }) {
      const first = await call({ body: base });
      const firstFailure = expectSuccess('the first PATCH', first);
      if (firstFailure) return firstFailure;
      const second = await call({ body: { name: `probe-${Date.now()}` } });
      const secondFailure = expectSuccess('the name-only PATCH', second);
      if (secondFailure) return secondFailure;
      const before = destinationOf(first);
      const after = destinationOf(second);
      for (const field of ['endpoint', 'authCredential']) {
        if (after[field] !== before[field]) return fail(`PATCH dropped or changed ${field}, which it did not name`, { [field]: before[field] }, { [field]: after[field] });
      }
      return pass();
    },
  },
  {
    name: 'the verificationToken sent is never returned',
    async run({ call, secret }) {
      const value = secret();
      const response = await call({ body: { verificationToken: value } });
      const failure = expectSuccess('the update', response);
      if (failure) return failure;
      if (response.text.includes(value)) return fail('the verificationToken was echoed in the response', 'no token in the response', 'the token in the response');
      return pass();
    },
  },
];
