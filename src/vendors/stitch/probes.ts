import { rfcMust, vendorMaterial } from '../../schemas/evidence.js';
import { isRecord } from '../../schemas/walk.js';
import { expectSuccess, fail, pass, secretNotEchoed, type Probe, type ProbeContext } from '../../../suites/provider/probe.js';
import { once } from '../../util/once.js';

/** The body probes start from: the restore body of a live run, else the contract's example. */
type Body = { type: string; connection: Record<string, unknown> };
const baseOf = (context: ProbeContext) => context.baseBody as Body;
const connectionOf = (body: unknown): Record<string, unknown> | undefined => (isRecord(body) && isRecord(body.connection) ? body.connection : undefined);

/**
 * What `ssl` reads after a PUT that sets it to `old`, then a PUT that leaves it out. A PUT that
 * replaces forgets `old` (the field is gone, or the provider's default fills it); a PUT that merges
 * keeps it. Only a value that follows `old` is merging: a default is the same whatever came before.
 */
async function sslAfterOmitting(call: ProbeContext['call'], base: Body, old: boolean): Promise<{ value: unknown } | { failure: ReturnType<typeof fail> }> {
  const first = await call({ body: { ...base, connection: { ...base.connection, ssl: old } } });
  const firstFailure = expectSuccess(`the PUT with ssl=${old}`, first);
  if (firstFailure) return { failure: firstFailure };
  const { ssl: _ssl, ...withoutSsl } = base.connection;
  const second = await call({ body: { ...base, connection: withoutSsl } });
  const secondFailure = expectSuccess('the PUT without ssl', second);
  if (secondFailure) return { failure: secondFailure };
  return { value: connectionOf(second.body)?.ssl };
}

export const stitchProbes = once((): readonly Probe[] => {
  return [
    // Stitch's docs: the password "will never be returned by the API", whatever the page's example shows.
    secretNotEchoed({
      name: 'a password sent is never returned',
      body: (secret, context) => {
        const base = baseOf(context);
        return { ...base, connection: { ...base.connection, password: secret } };
      },
      echoed: 'the password was echoed in the response',
      expected: 'no password in the response',
    }),
    {
      name: 'PUT replaces the connection (a field left out does not keep its old value)',
      evidence: rfcMust('RFC 9110 §9.3.4: PUT replaces the state of the target resource with the enclosed representation'),
      async run(context) {
        const { call } = context;
        const base = baseOf(context);
        const afterTrue = await sslAfterOmitting(call, base, true);
        if ('failure' in afterTrue) return afterTrue.failure;
        const afterFalse = await sslAfterOmitting(call, base, false);
        if ('failure' in afterFalse) return afterFalse.failure;
        if (afterTrue.value === true && afterFalse.value === false) {
          return fail('PUT merged: ssl kept the value of the previous PUT although the last PUT left it out', { ssl: 'absent, or the same default both times' }, { 'ssl after ssl=true': true, 'ssl after ssl=false': false });
        }
        return pass();
      },
    },
    {
      name: 'a PUT that changes type is applied or refused with a 4xx (Stitch documents 400: changing type is not supported)',
      evidence: vendorMaterial('Stitch docs: "Modifications to the type attribute are not supported" (answered 400)'),
      async run(context) {
        const { call } = context;
        const base = baseOf(context);
        const other = base.type === 'redshift' ? 'snowflake' : 'redshift';
        const response = await call({ body: { type: other, connection: base.connection } });
        const restore = await call({ body: base });
        if (restore.status < 200 || restore.status >= 300) return fail(`restoring type ${base.type} after the probe failed: HTTP ${restore.status}`);
        // Refusing is documented (400); another client error refuses just as well.
        if (response.status >= 400 && response.status < 500) return pass();
        if (response.status >= 200 && response.status < 300) {
          const type = isRecord(response.body) ? response.body.type : undefined;
          return type === other ? pass() : fail(`a type change was answered ${response.status} but the destination's type is ${JSON.stringify(type)}`, { type: other }, { type });
        }
        return fail(`a type change was answered HTTP ${response.status}, expected a 2xx applying it or 400 refusing it`, { status: '2xx or 400' }, { status: response.status });
      },
    },
  ];
});
