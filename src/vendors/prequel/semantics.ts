import { PREQUEL_BLOCKS } from './definition.js';
import { prequel as vendor } from './definition.js';
import { isRecord, secretPointers } from '../../schemas/walk.js';
import type { VendorSemantics } from '../../semantics/types.js';
import { drift, validate } from '../../validate/index.js';
import { mergePatch, requestFormOf, touched, withoutPointers } from '../../semantics/json.js';

const BLOCKS: ReadonlySet<string> = new Set(PREQUEL_BLOCKS);

/**
 * PATCH merges: fields left out keep their value, objects merge key by key. A destination has one
 * vendor: sending a block of another vendor replaces the stored block (and `vendor`). Secrets are
 * stored but never returned (the response form has no secret field).
 */
export const prequelSemantics: VendorSemantics = {
  apply(state, { body }, now) {
    const patch = (body as { destination: Record<string, unknown> }).destination;
    const newBlock = Object.keys(patch).find((k) => BLOCKS.has(k));
    const switching = newBlock !== undefined && !Object.hasOwn(state, newBlock);
    const merged = mergePatch(switching ? withoutBlocks(state) : state, patch) as Record<string, unknown>;
    const after = switching ? { ...merged, vendor: newBlock } : merged;
    return touched(state, after, 'updated_at', now);
  },
  stateOf(response) {
    return structuredClone((response as { data: { destination: Record<string, unknown> } }).data.destination);
  },
  present(state) {
    // The response shows the documented response form: no secret, nor a request-only field
    // (machine_type_id) the response does not document.
    const request = { destination: state };
    const { destination } = withoutPointers(request, secretPointers(vendor.schemas.request, request));
    const response = { status: 'success', data: { destination }, message: 'Destination updated.' };
    return withoutPointers(response, drift(vendor, response).map((d) => d.path));
  },
  readBack: {
    emptyUpdate: { destination: {} },
    // The answer's destination in request form: every writable, non-secret field as it was.
    restoreBody: (answer) => requestFormOf((body) => validate(vendor, 'request', body), { destination: (answer as { data?: { destination?: unknown } }).data?.destination ?? {} }),
  },
};

function withoutBlocks(state: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(state).filter(([k, v]) => !(BLOCKS.has(k) && isRecord(v))));
}
