/**
 * Invalid bodies derived from the schema, not one hand-picked example: the documented example
 * broken one rule at a time (a required field dropped, a wrong type, an enum or format broken…),
 * one mutation of each kind, a bounded number per vendor. Each must be refused with a 4xx.
 */
import { mutationsOf, type Mutation } from '../../src/arbitraries/index.js';
import { documentedExample } from '../../src/contracts/index.js';
import type { VendorDefinition } from '../../src/vendors/index.js';
import { fail, pass, type Probe } from './probe.js';

const MAX_PER_VENDOR = 6;

/**
 * Rules whose force depends on the destination are left to the vendor's own probes (a rule that
 * holds for some environments of a destination only).
 */
const ENVIRONMENT_DEPENDENT = (m: Mutation) => m.kind === 'pattern-mismatch' && m.pointer === '/endpoint';

export function invalidBodyMutations(vendor: VendorDefinition): Mutation[] {
  const base = documentedExample(vendor.id).body;
  const byKind = new Map<string, Mutation[]>();
  for (const mutation of mutationsOf(vendor.schemas.request, base)) {
    if (mutation.severity !== 'error' || ENVIRONMENT_DEPENDENT(mutation)) continue;
    byKind.set(mutation.kind, [...(byKind.get(mutation.kind) ?? []), mutation]);
  }
  // Round-robin over the kinds, so that a handful covers as many rules as it can.
  const chosen: Mutation[] = [];
  for (let round = 0; chosen.length < MAX_PER_VENDOR && [...byKind.values()].some((list) => list.length > round); round++) {
    for (const list of byKind.values()) if (list[round] && chosen.length < MAX_PER_VENDOR) chosen.push(list[round]!);
  }
  return chosen;
}

export function invalidBodyProbes(vendor: VendorDefinition): readonly Probe[] {
  const mutations = invalidBodyMutations(vendor);
  return [
    {
      name: `invalid bodies derived from the schema are refused (4xx): ${mutations.length} rules`,
      async run({ call }) {
        const accepted: string[] = [];
        for (const mutation of mutations) {
          const response = await call({ body: mutation.value });
          if (response.status < 400 || response.status >= 500) accepted.push(`${mutation.description} → HTTP ${response.status}`);
        }
        // Whatever an accepted invalid body did, the documented example puts the destination back.
        if (accepted.length > 0) {
          await call({ body: documentedExample(vendor.id).body });
          return fail(`invalid bodies were not refused with a 4xx: ${accepted.join('; ')}`, { status: '4xx' }, accepted);
        }
        return pass();
      },
    },
  ];
}
