import { CONTRACTS } from '../../src/contracts/index.js';
import { isRecord } from '../../src/schemas/walk.js';
import { expectSuccess, fail, pass, patchKeepsUnnamedFields, secretNotEchoed, secretShown, skip, type Probe, type ProbeResponse } from './probe.js';
import { pointerSegments, secretPointers } from '../../src/schemas/walk.js';
import { withPath } from '../../src/semantics/json.js';
import { prequel } from '../../src/vendors/prequel.js';

const base = CONTRACTS.prequel.interactions[0]!.body as { destination: Record<string, unknown> & { postgres: Record<string, unknown> } };
const destinationOf = (r: ProbeResponse): Record<string, unknown> =>
  isRecord(r.body) && isRecord(r.body.data) && isRecord(r.body.data.destination) ? r.body.data.destination : {};
const otherFrequency = (before: Record<string, unknown>) => (before.frequency_minutes === 45 ? 46 : 45);

export const prequelProbes: readonly Probe[] = [
  patchKeepsUnnamedFields({
    full: base,
    partialName: 'settings-only',
    partial: (before) => ({ destination: { frequency_minutes: otherFrequency(before) } }),
    kept: ['name', 'postgres', 'enabled_models'],
    destinationOf,
    // An answer may leave optional fields out: only a shown value can contradict the PATCH.
    applied: (before, after) =>
      after.frequency_minutes === undefined || after.frequency_minutes === otherFrequency(before)
        ? undefined
        : fail('PATCH did not apply frequency_minutes', { frequency_minutes: otherFrequency(before) }, { frequency_minutes: after.frequency_minutes }),
  }),
  secretNotEchoed({
    name: 'a password sent is never returned',
    body: (secret) => ({ destination: { ...base.destination, postgres: { ...base.destination.postgres, password_auth: { username: 'probe', password: secret } } } }),
    echoed: 'the password was echoed in the response',
    expected: 'no password in the response',
  }),
  {
    name: 'no secret field of the block is ever returned (every writeOnly field)',
    async run({ call, secret }) {
      const pointers = secretPointers(prequel.schemas.request, base);
      if (pointers.length === 0) return skip('the destination body has no secret field');
      let body: unknown = base;
      const planted = pointers.map((pointer) => {
        const value = secret();
        body = withPath(body as Record<string, unknown>, pointerSegments(pointer), value);
        return { pointer, value };
      });
      const response = await call({ body });
      const failure = expectSuccess('the update', response);
      if (failure) return failure;
      const shown = planted.flatMap(({ pointer, value }) => {
        const where = secretShown(value, response);
        return where ? [`${pointer} (${where})`] : [];
      });
      return shown.length > 0 ? fail(`secret fields were returned: ${shown.join(', ')}`, 'no secret in the response', shown) : pass();
    },
  },
  {
    name: 'PATCH merges inside a block: a partial block keeps its other fields',
    async run({ call }) {
      const first = await call({ body: base });
      const firstFailure = expectSuccess('the full PATCH', first);
      if (firstFailure) return firstFailure;
      const host = `pg-destconf-${Date.now()}.example.com`;
      const second = await call({ body: { destination: { postgres: { host } } } });
      const secondFailure = expectSuccess('the partial-block PATCH', second);
      if (secondFailure) return secondFailure;
      const before = destinationOf(first).postgres;
      const after = destinationOf(second).postgres;
      if (!isRecord(before) || !isRecord(after)) return skip('the answers do not show the postgres block');
      const dropped = Object.keys(before).filter((k) => k !== 'host' && JSON.stringify(before[k]) !== JSON.stringify(after[k]));
      await call({ body: base });
      if (dropped.length > 0) return fail(`a partial block replaced the block: ${dropped.map((k) => `postgres.${k}`).join(', ')} changed`, { postgres: before }, { postgres: after });
      if (after.host !== undefined && after.host !== host) return fail('the partial block was not applied', { host }, { host: after.host });
      return pass();
    },
  },
];
