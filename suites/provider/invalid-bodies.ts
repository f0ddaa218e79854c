/**
 * Invalid bodies derived from the schema, not one hand-picked example: the documented example
 * broken one rule at a time (a required field dropped, a wrong type, an enum or format broken…),
 * one mutation of each kind, a bounded number per vendor. Each must be refused with a 4xx.
 */
import { judgeRequest, mutationsOf, type Mutation } from '../../src/arbitraries/index.js';
import { page, type EvidenceKind } from '../../src/schemas/evidence.js';
import { documentedExample } from '../../src/contracts/index.js';
import type { VendorModule } from '../../src/vendors/types.js';
import { fail, pass, refusalChangedNothing, type Probe } from './probe.js';
import { markedForRefusal } from './refusal-markers.js';

const MAX_PER_VENDOR = 6;
const STATED: ReadonlySet<EvidenceKind> = new Set(['page', 'rfc-must']);

export function invalidBodyMutations(module: VendorModule): Mutation[] {
  const vendor = module.definition;
  const base = documentedExample(module).body;
  const byKind = new Map<string, Mutation[]>();
  // Only rules the page states (or an RFC requires): a provider that accepts a body breaking what an
  // example merely shows, a project decision or what only the vendor's material says is lenient, not wrong.
  for (const mutation of mutationsOf(vendor.schemas.request, base, judgeRequest(vendor, STATED))) {
    if (mutation.severity !== 'error') continue;
    byKind.set(mutation.kind, [...(byKind.get(mutation.kind) ?? []), mutation]);
  }
  // Round-robin over the kinds, so that a handful covers as many rules as it can.
  const chosen: Mutation[] = [];
  for (let round = 0; chosen.length < MAX_PER_VENDOR && [...byKind.values()].some((list) => list.length > round); round++) {
    for (const list of byKind.values()) if (list[round] && chosen.length < MAX_PER_VENDOR) chosen.push(list[round]!);
  }
  return chosen;
}

export function invalidBodyProbes(module: VendorModule): readonly Probe[] {
  const vendor = module.definition;
  const mutations = invalidBodyMutations(module);
  return [
    {
      name: `invalid bodies derived from the schema are refused (4xx): ${mutations.length} rules`,
      evidence: page(`${vendor.seedFile}: the rules the page states (required fields, stated types, enums, formats); example-only shapes are not sent`),
      async run(context) {
        const { call } = context;
        const accepted: string[] = [];
        // The state before, to see that each refused body changed nothing.
        const before = await call({ body: documentedExample(module).body });
        for (const mutation of mutations) {
          // Its other text fields marked (./refusal-markers.ts): a provider that applies the valid part of a refused body shows it later.
          const { body, markers } = markedForRefusal(vendor, mutation.value, [mutation.pointer]);
          const response = await call({ body });
          if (response.status < 400 || response.status >= 500) accepted.push(`${mutation.description} → HTTP ${response.status}`);
          else {
            context.refused(markers, `an invalid body (${mutation.description})`);
            if (before.status >= 300) continue;
            const changed = await refusalChangedNothing(context, before, body, `after ${mutation.description}`);
            if (changed) {
              await call({ body: documentedExample(module).body });
              return changed;
            }
          }
        }
        // Whatever an accepted invalid body did, the documented example puts the destination back.
        if (accepted.length > 0) {
          await call({ body: documentedExample(module).body });
          return fail(`invalid bodies were not refused with a 4xx: ${accepted.join('; ')}`, { status: '4xx' }, accepted);
        }
        return pass();
      },
    },
  ];
}
