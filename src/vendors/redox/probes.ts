import { page } from '../../schemas/evidence.js';
import { isRecord } from '../../schemas/walk.js';
import { expectSuccess, fail, pass, patchKeepsUnnamedFields, refusalChangedNothing, secretNotEchoed, skip, type Probe, type ProbeResponse } from '../../../suites/provider/probe.js';
import { once } from '../../util/once.js';
import { redoxContract } from './contract.js';
import { redox } from './definition.js';

const destinationOf = (r: ProbeResponse): Record<string, unknown> =>
  isRecord(r.body) && isRecord(r.body.payload) && isRecord(r.body.payload.destination) ? r.body.payload.destination : {};
/** "Production and staging applications must use HTTPS": where the page requires it. */
const HTTPS_REQUIRED = new Set(['Production', 'Staging']);

export const redoxProbes = once((): readonly Probe[] => {
  const base = redoxContract().interactions[0]!.body as Record<string, string>;
  return [
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
    {
      name: 'an http endpoint is refused where the environment requires HTTPS (Production, Staging)',
      evidence: page(`${redox.seedFile}: "Production and staging applications must use HTTPS."`),
      async run(context) {
        const { call } = context;
        const first = await call({ body: { endpoint: base.endpoint } });
        const failure = expectSuccess('the https endpoint update', first);
        if (failure) return failure;
        const environment = destinationOf(first).environment;
        const flag = isRecord(environment) ? environment.environmentFlag : undefined;
        if (typeof flag !== 'string') return skip('the answer does not say the destination\'s environment (environment.environmentFlag)');
        const insecureBody = { endpoint: base.endpoint!.replace(/^https:/, 'http:') };
        const insecure = await call({ body: insecureBody });
        const accepted = insecure.status >= 200 && insecure.status < 300;
        // Refused, yet stored? A refused request changes nothing.
        const changed = !accepted ? await refusalChangedNothing(context, first, insecureBody) : undefined;
        if (changed) {
          await call({ body: { endpoint: base.endpoint } });
          return changed;
        }
        if (accepted) {
          const restored = await call({ body: { endpoint: base.endpoint } });
          if (restored.status < 200 || restored.status >= 300) return fail(`restoring the https endpoint failed: HTTP ${restored.status}`);
        }
        if (!HTTPS_REQUIRED.has(flag)) return pass();
        if (accepted) return fail(`an http endpoint was accepted for a ${flag} destination ("Production and staging applications must use HTTPS")`, { status: '4xx' }, { status: insecure.status });
        if (insecure.status >= 400 && insecure.status < 500) return pass();
        return fail(`an http endpoint for a ${flag} destination was answered HTTP ${insecure.status}, expected a 4xx refusal`, { status: '4xx' }, { status: insecure.status });
      },
    },
  ];
});
