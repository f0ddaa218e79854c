/** Probes every vendor gets, built from its contract's documented example and invalid body. */
import { contractOf } from '../../src/contracts/index.js';
import type { VendorId } from '../../src/vendors/index.js';
import { drift, validate } from '../../src/validate/index.js';
import { expectSuccess, fail, pass, warn, type Probe } from './probe.js';
import { page } from '../../src/schemas/evidence.js';

function exampleOf(vendor: VendorId) {
  const interactions = contractOf(vendor).interactions;
  const documented = interactions[0]!;
  const invalid = interactions.find((i) => i.status === 400 || i.status === 422)!;
  return { documented, invalid };
}

export const commonProbes: readonly Probe[] = [
  {
    name: 'a documented update answers with a body valid against the full response schema',
    evidence: page("the response's field list: required fields, types, formats, enums"),
    async run({ vendor, call }) {
      const { documented } = exampleOf(vendor.id);
      const response = await call({ body: documented.body });
      const failure = expectSuccess('the documented example update', response);
      if (failure) return failure;
      const result = validate(vendor.id, 'response', response.body);
      if (!result.valid) {
        return fail(`the response breaks the documented schema: ${result.errors.map((e) => e.message).join('; ')}`, 'a schema-valid response', response.body);
      }
      const undocumented = drift(vendor.id, response.body);
      if (undocumented.length > 0) return warn(`undocumented fields (drift): ${undocumented.map((d) => d.path).join(', ')}`, { drift: undocumented });
      return pass();
    },
  },
  {
    name: 'a request without credentials is refused (401/403)',
    evidence: page('Authorizations: the auth header is required'),
    async run({ vendor, call }) {
      const response = await call({ body: exampleOf(vendor.id).documented.body, withoutCredentials: true });
      if (response.status === 401 || response.status === 403) return pass();
      return fail(`a request without credentials was answered HTTP ${response.status}, expected 401 or 403`, { status: [401, 403] }, { status: response.status });
    },
  },
  {
    name: 'an invalid body is refused (4xx)',
    evidence: page("the body's field list: a required field, or a field's stated type"),
    async run({ vendor, call }) {
      const { invalid } = exampleOf(vendor.id);
      const response = await call({ body: invalid.body });
      if (response.status >= 400 && response.status < 500) return pass();
      return fail(`an invalid body (${invalid.description.replace('an update whose body ', '')}) was answered HTTP ${response.status}, expected 4xx`, { status: '4xx' }, { status: response.status });
    },
  },
];
