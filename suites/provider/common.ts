/**
 * The probe every vendor gets from its contract's invalid example. (Who may write is probed in
 * ./identity.ts; whether an answer is the documented destination is a law: ./laws.ts.)
 */
import type { VendorModule } from '../../src/vendors/types.js';
import { fail, pass, type Probe } from './probe.js';
import { page } from '../../src/schemas/evidence.js';

const invalidExampleOf = (vendor: VendorModule) => vendor.contract().interactions.find((i) => i.status === 400 || i.status === 422)!;

export const commonProbes: readonly Probe[] = [
  {
    name: 'an invalid body is refused (4xx)',
    evidence: page("the body's field list: a required field, or a field's stated type"),
    async run({ module, call }) {
      const invalid = invalidExampleOf(module);
      const response = await call({ body: invalid.body });
      if (response.status >= 400 && response.status < 500) return pass();
      return fail(`an invalid body (${invalid.description.replace('an update whose body ', '')}) was answered HTTP ${response.status}, expected 4xx`, { status: '4xx' }, { status: response.status });
    },
  },
];
