import { CONTRACTS } from '../../src/contracts/index.js';
import { isRecord } from '../../src/schemas/walk.js';
import { expectSuccess, fail, pass, secretNotEchoed, type Probe } from './probe.js';

const base = CONTRACTS.ampersand.interactions[0]!.body as { updateMask: string[]; destination: { name: string; metadata: Record<string, unknown> } };
const metadataOf = (body: unknown): Record<string, unknown> => (isRecord(body) && isRecord(body.metadata) ? body.metadata : {});

export const ampersandProbes: readonly Probe[] = [
  {
    name: 'only the paths updateMask names change',
    async run({ call }) {
      const first = await call({ body: base });
      const firstFailure = expectSuccess('the first update', first);
      if (firstFailure) return firstFailure;
      const name = `probe-${Date.now()}`;
      const second = await call({ body: { updateMask: ['name'], destination: { name, metadata: { region: 'probe-region-1' } } } });
      const secondFailure = expectSuccess('the name-only update', second);
      if (secondFailure) return secondFailure;
      const after = isRecord(second.body) ? second.body : {};
      if (after.name !== name) return fail('the masked path name was not updated', { name }, { name: after.name });
      const region = metadataOf(after).region;
      if (region !== metadataOf(first.body).region) return fail('updateMask was ignored: metadata.region changed although the mask names only name', { region: metadataOf(first.body).region }, { region });
      return pass();
    },
  },
  secretNotEchoed({
    name: 'secrets sent are not returned (the update takes no includeSecrets)',
    body: (secret) => ({ updateMask: ['secrets.awsSecretKey'], destination: { secrets: { awsSecretKey: secret } } }),
    echoed: 'a secret was echoed although secrets were not asked for',
    expected: 'no secret in the response',
  }),
];
