import { CONTRACTS } from '../../src/contracts/index.js';
import { isRecord } from '../../src/schemas/walk.js';
import { fail, patchKeepsUnnamedFields, secretNotEchoed, type Probe, type ProbeResponse } from './probe.js';

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
];
