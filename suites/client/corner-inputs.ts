/**
 * Inputs every client run sees, before the random ones, so that a seed's luck never decides
 * whether an edge was tried: ids with spaces at either end, `%`, `/`, `?`, `#`, `+`, non-ASCII and a
 * long id; bodies whose values are empty strings, `false` and `0` wherever the schema allows them;
 * documented boolean query parameters at both values.
 */
import fc from 'fast-check';
import { arbitrariesFor } from '../../src/arbitraries/index.js';
import { isRecord } from '../../src/schemas/walk.js';
import { validate } from '../../src/validate/index.js';
import type { VendorDefinition } from '../../src/vendors/types.js';

export const CORNER_IDS: readonly string[] = [
  ' leading-space', 'trailing-space ', '100%', '%2F', 'a/b', 'what?x=1', 'a#b', 'a+b', 'a b', "it's(1)*!", 'a;b=c&d', 'user@host:1',
  'ünïcødé', '目的地', 'emoji-🚀', '~tilde_-.', 'x'.repeat(300),
];

type Input = Record<string, unknown> & { body: unknown; query?: Record<string, unknown> };

/** The body with every string, boolean and number at its edge value, where the schema still accepts it. */
function edgeValues(vendor: VendorDefinition, body: unknown): unknown {
  const edge = (value: unknown): unknown => {
    if (typeof value === 'string') return '';
    if (typeof value === 'boolean') return false;
    if (typeof value === 'number') return 0;
    if (Array.isArray(value)) return value.map(edge);
    if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, edge(v)]));
    return value;
  };
  // Leaf by leaf: keep each edge value the schema allows.
  let current = structuredClone(body);
  const visit = (node: unknown, set: (v: unknown) => void): void => {
    if (isRecord(node)) for (const key of Object.keys(node)) visit(node[key], (v) => (node[key] = v));
    else if (Array.isArray(node)) node.forEach((item, i) => visit(item, (v) => (node[i] = v)));
    else {
      const before = node;
      set(edge(node));
      if (!validate(vendor, 'request', current).valid) set(before);
    }
  };
  visit(current, (v) => (current = v));
  return current;
}

export function cornerInputs(vendor: VendorDefinition, seed: number): Input[] {
  const arbitraries = arbitrariesFor(vendor);
  const bodies = fc.sample(arbitraries.validRequest, { numRuns: 3, seed });
  const queries: Record<string, unknown>[] = vendor.schemas.query ? [{ secret_returned: false, wait: false }, { secret_returned: true, wait: true }] : [];
  return CORNER_IDS.map((id, i) => {
    const body = bodies[i % bodies.length]!;
    return {
      ...Object.fromEntries(vendor.pathParameters.map((p) => [p.inputKey, id])),
      body: i % 2 === 0 ? edgeValues(vendor, body) : body,
      ...(queries.length > 0 ? { query: queries[i % queries.length] } : {}),
    };
  });
}
