import { CONTRACTS } from '../../src/contracts/index.js';
import { isRecord } from '../../src/schemas/walk.js';
import { patchKeepsUnnamedFields, secretNotEchoed, type Probe, type ProbeResponse } from './probe.js';

const base = CONTRACTS.redox.interactions[0]!.body as Record<string, string>;
const destinationOf = (r: ProbeResponse): Record<string, unknown> =>
  isRecord(r.body) && isRecord(r.body.payload) && isRecord(r.body.payload.destination) ? r.body.payload.destination : {};

export const redoxProbes: readonly Probe[] = [
  patchKeepsUnnamedFields({
    full: base,
    partialName: 'name-only',
    partial: () => ({ name: `probe-${Date.now()}` }),
    kept: ['endpoint', 'authCredential'],
    destinationOf,
  }),
  secretNotEchoed({
    name: 'the verificationToken sent is never returned',
    body: (secret) => ({ verificationToken: secret }),
    echoed: 'the verificationToken was echoed in the response',
    expected: 'no token in the response',
  }),
];
