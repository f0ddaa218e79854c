/**
 * Where a rule comes from, and so how much it weighs. Every check, law and schema constraint carries
 * its evidence; the severity of a finding follows from it, never from the check's own opinion:
 * what the page states, an RFC's MUST, a security rule of the suite, vendor material that settles
 * the point and the adapter interface (DESIGN.md) fail a run; an example's shape, an RFC's SHOULD, a
 * project decision and what lies beyond the docs are warnings (failing only under --strict).
 *
 * In a schema, `x-evidence` maps a keyword of that node (`type`, `enum`, `required`, `not`, `allOf`,
 * `format`…) to the evidence of that constraint when it is not the page's own statement; a keyword
 * without an entry is stated by the page (`describeErrors` quotes the seed file and field).
 */
import { isRecord, pointerGet, unescapeToken } from './walk.js';
import type { JsonSchema } from '../vendors/types.js';

export type EvidenceKind = 'page' | 'rfc-must' | 'rfc-should' | 'security' | 'vendor' | 'adapter' | 'example' | 'decision' | 'beyond';

export interface Evidence {
  readonly kind: EvidenceKind;
  /** The sentence quoted with its seed file, the RFC and section, the vendor's material, or the decision. */
  readonly cite: string;
}

export const EVIDENCE = 'x-evidence';

const ERROR_KINDS: ReadonlySet<EvidenceKind> = new Set(['page', 'rfc-must', 'security', 'vendor', 'adapter']);

export function severityOf(evidence: Evidence): 'error' | 'warning' {
  return ERROR_KINDS.has(evidence.kind) ? 'error' : 'warning';
}

const LABELS: Record<EvidenceKind, string> = {
  page: 'the page',
  'rfc-must': 'RFC (MUST)',
  'rfc-should': 'RFC (SHOULD)',
  security: 'security rule',
  vendor: "the vendor's material",
  adapter: 'the adapter interface',
  example: 'example only',
  decision: 'project decision',
  beyond: 'beyond the docs',
};

/** `evidence: the page — 004: "Production and staging applications must use HTTPS."` */
export function describeEvidence(evidence: Evidence): string {
  return `${LABELS[evidence.kind]} — ${evidence.cite}`;
}

export const page = (cite: string): Evidence => ({ kind: 'page', cite });
export const rfcMust = (cite: string): Evidence => ({ kind: 'rfc-must', cite });
export const rfcShould = (cite: string): Evidence => ({ kind: 'rfc-should', cite });
export const security = (cite: string): Evidence => ({ kind: 'security', cite });
export const vendorMaterial = (cite: string): Evidence => ({ kind: 'vendor', cite });
export const adapterInterface = (cite: string): Evidence => ({ kind: 'adapter', cite });
export const example = (cite: string): Evidence => ({ kind: 'example', cite });
export const decision = (cite: string): Evidence => ({ kind: 'decision', cite });

function isEvidence(value: unknown): value is Evidence {
  return isRecord(value) && typeof value.kind === 'string' && Object.hasOwn(LABELS, value.kind) && typeof value.cite === 'string';
}

/**
 * The evidence a schema records for the constraint at `schemaPath` (ajv's `#/…/keyword`): the most
 * specific `x-evidence` entry on the way there (a node's entry for `allOf` grades every rule inside
 * that `allOf`), or undefined when the page states it.
 */
export function schemaEvidence(root: JsonSchema, schemaPath: string): Evidence | undefined {
  const segments = schemaPath.replace(/^#/, '').split('/').slice(1).map(unescapeToken);
  for (let i = segments.length - 1; i >= 0; i--) {
    const node = pointerGet(root, segments.slice(0, i).map((s) => `/${s.replace(/~/g, '~0').replace(/\//g, '~1')}`).join(''));
    const entry = isRecord(node) && isRecord(node[EVIDENCE]) ? (node[EVIDENCE] as Record<string, unknown>)[segments[i]!] : undefined;
    if (isEvidence(entry)) return entry;
  }
  return undefined;
}
