/**
 * Timestamps, where the page documents them (`timestamps` of the definition): the update timestamp moves
 * forward with a change and never backwards; the creation timestamp never moves.
 */
import { page } from '../../src/schemas/evidence.js';
import type { VendorModule } from '../../src/vendors/types.js';
import { destinationOf, instantOf, sameInstant } from './answers.js';
import { expectSuccess, fail, pass, skip, type Probe, type ProbeResponse } from './probe.js';

export function timestampProbes(module: VendorModule): readonly Probe[] {
  const vendor = module.definition;
  const fields = vendor.timestamps;
  if (!fields) return [];
  // Two successful contract bodies that differ: alternating them changes the destination each time.
  const bodies = module.contract().interactions.filter((i) => i.status < 300 && !i.query).map((i) => i.body);
  const [a, b] = [bodies[0], bodies.find((body) => JSON.stringify(body) !== JSON.stringify(bodies[0]))];
  return [
    {
      name: fields.updated ? `${fields.updated} moves forward with a change, never back; ${fields.created} never moves` : `${fields.created} never moves`,
      evidence: page(`${vendor.seedFile}: ${fields.created} is the creation timestamp${fields.updated ? ` and ${fields.updated} the time of the last update` : ''} (compared as instants: RFC 3339 §5.6 allows any offset)`),
      async run({ call }) {
        // The creation timestamp must not move whatever the update; the update timestamp needs a change.
        if (b === undefined && fields.updated) return skip('no second, different documented update to change the destination with');
        const read = (r: ProbeResponse, field: string) => destinationOf(vendor, r)?.[field];
        const updatedOf = (r: ProbeResponse) => (fields.updated ? instantOf(read(r, fields.updated)) : Number.NaN);
        const answers: ProbeResponse[] = [];
        for (const [i, body] of [a, b ?? a, a].entries()) {
          // A provider with whole-second timestamps may show two quick changes in one second: the
          // last change then lands in a later second, where it must move.
          if (i === 2 && answers.length === 2 && updatedOf(answers[1]!) === updatedOf(answers[0]!)) await new Promise((resolve) => setTimeout(resolve, 1100));
          const response = await call({ body });
          const failure = expectSuccess(`update ${i + 1} of 3`, response);
          if (failure) return failure;
          answers.push(response);
        }
        const created = answers.map((r) => read(r, fields.created));
        const updated = answers.map(updatedOf);
        // One instant in two offsets is the same time: instants are compared, not their spelling.
        if (created.some((c) => c !== undefined && !sameInstant(c, created[0]))) return fail(`${fields.created} moved: ${created.map(String).join(' → ')}`, { [fields.created]: created[0] }, { [fields.created]: created });
        if (!fields.updated) return pass();
        if (updated.some(Number.isNaN)) return skip(`the answers do not all carry ${fields.updated}`);
        const createdAt = instantOf(created[0]);
        if (!Number.isNaN(createdAt) && updated.some((u) => u < createdAt)) return fail(`${fields.updated} precedes ${fields.created}`, `not before ${String(created[0])}`, answers.map((r) => read(r, fields.updated!)));
        if (updated[1]! < updated[0]! || updated[2]! < updated[1]!) return fail(`${fields.updated} went backwards`, 'non-decreasing', answers.map((r) => read(r, fields.updated!)));
        if (!(updated[2]! > updated[0]!)) return fail(`${fields.updated} did not move forward although the destination changed`, 'a later timestamp', answers.map((r) => read(r, fields.updated!)));
        return pass();
      },
    },
  ];
}
