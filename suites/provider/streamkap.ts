import { CONTRACTS } from '../../src/contracts/index.js';
import { isRecord } from '../../src/schemas/walk.js';
import { expectSuccess, fail, pass, secretNotEchoed, type Probe } from './probe.js';

const base = CONTRACTS.streamkap.interactions[0]!.body as { name: string; connector: string; config: Record<string, unknown> };

export const streamkapProbes: readonly Probe[] = [
  secretNotEchoed({
    name: 'secret config values are not returned with secret_returned=false',
    body: (secret) => ({ ...base, config: { ...base.config, 'probe.password': secret } }),
    query: { secret_returned: 'false' },
    echoed: 'a secret config value was echoed although secret_returned=false',
    expected: 'the secret masked or left out',
  }),
  {
    name: 'PUT replaces the config (no key of the old config is left behind)',
    async run({ call }) {
      const first = await call({ body: { ...base, config: { ...base.config, 'probe.old.key': 'old' } } });
      const firstFailure = expectSuccess('the first PUT', first);
      if (firstFailure) return firstFailure;
      const second = await call({ body: base });
      const secondFailure = expectSuccess('the second PUT', second);
      if (secondFailure) return secondFailure;
      const config = isRecord(second.body) && isRecord(second.body.config) ? second.body.config : {};
      if (Object.hasOwn(config, 'probe.old.key')) return fail('PUT merged: config still holds probe.old.key, which the second PUT did not send', { config: base.config }, { config });
      return pass();
    },
  },
];
