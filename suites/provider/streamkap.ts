import { CONTRACTS } from '../../src/contracts/index.js';
import { isRecord } from '../../src/schemas/walk.js';
import { expectSuccess, fail, pass, type Probe } from './probe.js';

const base = CONTRACTS.streamkap.interactions[0]!.body as { name: string; connector: string; config: Record<string, unknown> };

export const streamkapProbes: readonly Probe[] = [
  {
    name: 'secret config values are not returned with secret_returned=false',
    async run({ call, secret }) {
      const value = secret();
      const response = await call({ body: { ...base, config: { ...base.config, 'probe.password': value } }, query: { secret_returned: 'false' } });
      const failure = expectSuccess('the update', response);
      if (failure) return failure;
      if (response.text.includes(value)) return fail('a secret config value was echoed although secret_returned=false', 'the secret masked or left out', 'the secret in the response');
      return pass();
    },
  },
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
