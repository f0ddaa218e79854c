/**
 * Probes every vendor gets, built from its contract's documented example and invalid body. (Whether
 * an answer is the documented destination is a law, judged on every 2xx answer: ./laws.ts.)
 */
import type { VendorModule } from '../../src/vendors/types.js';
import { fail, pass, type Probe } from './probe.js';
import { page } from '../../src/schemas/evidence.js';

function exampleOf(vendor: VendorModule) {
  const interactions = vendor.contract().interactions;
  const documented = interactions[0]!;
  const invalid = interactions.find((i) => i.status === 400 || i.status === 422)!;
  return { documented, invalid };
}

export const commonProbes: readonly Probe[] = [
  {
    name: 'a request without credentials is refused (401/403)',
    evidence: page('Authorizations: the auth header is required'),
    async run({ module, call }) {
      const response = await call({ body: exampleOf(module).documented.body, withoutCredentials: true });
      if (response.status === 401 || response.status === 403) return pass();
      return fail(`a request without credentials was answered HTTP ${response.status}, expected 401 or 403`, { status: [401, 403] }, { status: response.status });
    },
  },
  {
    name: 'an invalid body is refused (4xx)',
    evidence: page("the body's field list: a required field, or a field's stated type"),
    async run({ module, call }) {
      const { invalid } = exampleOf(module);
      const response = await call({ body: invalid.body });
      if (response.status >= 400 && response.status < 500) return pass();
      return fail(`an invalid body (${invalid.description.replace('an update whose body ', '')}) was answered HTTP ${response.status}, expected 4xx`, { status: '4xx' }, { status: response.status });
    },
  },
];
