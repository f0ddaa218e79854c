import { page, rfcMust } from '../../schemas/evidence.js';
/**
 * Streamkap probes. A provider that validates `config` against its connector refuses keys it does
 * not know, so the probes never invent keys: they change values of keys the destination's body
 * already has, keeping each value's type.
 */
import { isRecord } from '../../schemas/walk.js';
import { streamkap } from './definition.js';
import { expectSuccess, fail, pass, secretShown, skip, type Probe, type ProbeContext } from '../../../suites/provider/probe.js';
import { once } from '../../util/once.js';

type Body = { name: string; connector: string; config: Record<string, unknown> };
/** One key of each kind the suite treats as secret (src/vendors/streamkap.ts). */
const SECRET_LOOKING_KEYS = ['probe.password', 'probe.client.secret', 'probe.auth.token', 'probe.private.key', 'probe.credentials.json', 'probe.api.key'];
/** The body probes start from: the restore body of a live run, else the contract's example. */
const baseOf = (context: ProbeContext) => context.baseBody as Body;
const configOf = (body: unknown): Record<string, unknown> | undefined => (isRecord(body) && isRecord(body.config) ? body.config : undefined);

/** Another value of the same type, or undefined for a value no probe should touch. */
function changed(value: unknown): unknown {
  if (typeof value === 'string') return `${value}-destconf`;
  if (typeof value === 'number') return value + 1;
  if (typeof value === 'boolean') return !value;
  return undefined;
}

export const streamkapProbes = once((): readonly Probe[] => {
  return [
    {
      name: 'PUT replaces name; a connector change is applied or refused with a 4xx',
      evidence: rfcMust('RFC 9110 §9.3.4: PUT replaces the state of the target resource with the enclosed representation'),
      async run(context) {
        const { call } = context;
        const base = baseOf(context);
        const renamed = await call({ body: { ...base, name: `${base.name}-destconf` } });
        const failure = expectSuccess('the renaming PUT', renamed);
        if (failure) return failure;
        const name = isRecord(renamed.body) ? renamed.body.name : undefined;
        if (name !== undefined && name !== `${base.name}-destconf`) return fail('PUT did not replace name', { name: `${base.name}-destconf` }, { name });
        const other = await call({ body: { ...base, connector: base.connector === 'postgresql' ? 'snowflake' : 'postgresql' } });
        const restore = await call({ body: base });
        const restored = expectSuccess('restoring the destination body', restore);
        if (restored) return restored;
        if (other.status >= 400 && other.status < 500) return pass();
        const otherFailure = expectSuccess('the connector-changing PUT', other);
        if (otherFailure) return otherFailure;
        const connector = isRecord(other.body) ? other.body.connector : undefined;
        if (connector !== undefined && connector === base.connector) return fail('a connector change was answered 2xx but not applied', { connector: 'the new connector' }, { connector });
        return pass();
      },
    },
    {
      name: 'secret_returned=true returns the stored secret values',
      evidence: page(`${streamkap.seedFile}: secret_returned — "Whether to include secret values in the response"`),
      async run(context) {
        const { call, secret } = context;
        const base = baseOf(context);
        const key = Object.keys(base.config).find((k) => streamkap.isSecretOpenKey?.(k) && typeof base.config[k] === 'string');
        if (!key) return skip('the destination body has no secret-looking config key to probe');
        const value = secret();
        const response = await call({ body: { ...base, config: { ...base.config, [key]: value } }, query: { secret_returned: 'true' } });
        const failure = expectSuccess('the update with secret_returned=true', response);
        if (failure) return failure;
        const config = configOf(response.body);
        if (!config || !Object.hasOwn(config, key)) return skip(`the answer carries no config.${key}`);
        if (config[key] !== value) return fail(`secret_returned=true did not return the stored value of ${key}`, 'the stored value', 'another value');
        return pass();
      },
    },
    {
      name: 'secret config values are not returned with secret_returned=false',
      evidence: page(`${streamkap.seedFile}: secret_returned (default false) — "Whether to include secret values in the response"`),
      async run(context) {
        const { call, secret, target } = context;
        const base = baseOf(context);
        // The bundled sandbox takes any key: there every kind of secret-looking key is tried. A real
        // provider may validate config against the connector, so only the keys the body has.
        const own = Object.keys(base.config).filter((k) => streamkap.isSecretOpenKey?.(k) && typeof base.config[k] === 'string');
        const extra = target.stateUrl ? SECRET_LOOKING_KEYS.filter((k) => !Object.hasOwn(base.config, k)) : [];
        if (own.length + extra.length === 0) return skip('the destination body has no secret-looking config key to probe');
        const send = async (keys: readonly string[]) => {
          const planted = Object.fromEntries(keys.map((k) => [k, secret()]));
          const response = await call({ body: { ...base, config: { ...base.config, ...planted } }, query: { secret_returned: 'false' } });
          return { keys, planted, response };
        };
        let attempt = await send([...own, ...extra]);
        // A provider that validates config against the connector refuses keys it does not know.
        if (extra.length > 0 && attempt.response.status >= 400 && attempt.response.status < 500 && own.length > 0) attempt = await send(own);
        const { keys, planted, response } = attempt;
        await call({ body: base });
        const failure = expectSuccess('the update', response);
        if (failure) return failure;
        const echoed = keys.filter((k) => secretShown(planted[k]!, response) !== undefined);
        if (echoed.length > 0) return fail(`a secret config value was echoed although secret_returned=false: ${echoed.join(', ')}`, 'the secret masked or left out', 'the secret in the response');
        return pass();
      },
    },
    {
      name: 'PUT replaces the config (a key left out does not keep its old value)',
      evidence: rfcMust('RFC 9110 §9.3.4: PUT replaces the state of the target resource with the enclosed representation'),
      async run(context) {
        const { call } = context;
        const base = baseOf(context);
        const key = Object.keys(base.config).find((k) => !streamkap.isSecretOpenKey?.(k) && changed(base.config[k]) !== undefined);
        if (!key) return skip('the destination body has no non-secret config value to probe');
        const old = changed(base.config[key]);
        const first = await call({ body: { ...base, config: { ...base.config, [key]: old } } });
        if (first.status >= 400 && first.status < 500) return skip(`the provider refused a changed ${key} (HTTP ${first.status}): cannot probe replace vs merge`);
        const firstFailure = expectSuccess('the first PUT', first);
        if (firstFailure) return firstFailure;
        const { [key]: _left, ...withoutKey } = base.config;
        const second = await call({ body: { ...base, config: withoutKey } });
        const restore = await call({ body: base });
        if (second.status >= 400 && second.status < 500) return skip(`the provider requires config key ${key} (HTTP ${second.status}): cannot probe replace vs merge`);
        const secondFailure = expectSuccess('the PUT without the key', second) ?? expectSuccess('restoring the destination body', restore);
        if (secondFailure) return secondFailure;
        const config = configOf(second.body);
        if (!config) return skip('the answer carries no config: cannot tell replace from merge');
        if (config[key] === old) return fail(`PUT merged: config still holds the old value of ${key}, which the last PUT left out`, { config: withoutKey }, { config });
        return pass();
      },
    },
  ];
});
