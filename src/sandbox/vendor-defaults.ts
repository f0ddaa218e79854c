/** The sandbox behaviour every vendor shares, built from its definition and its semantics. */
import type { VendorSemantics } from '../semantics/types.js';
import { validate, type ValidationIssue } from '../validate/index.js';
import type { VendorDefinition } from '../vendors/types.js';
import type { PathParams, SandboxVendor, State } from './types.js';

export function defaultSandboxVendor(
  vendor: VendorDefinition,
  semantics: VendorSemantics,
  specifics: Pick<SandboxVendor, 'seed' | 'stateFor' | 'errorBody'> & Partial<SandboxVendor>,
): SandboxVendor {
  // The sandbox's credential, of the documented shape; printed by `destconf sandbox`.
  const credential = specifics.credential ?? `sandbox-${vendor.id}-${vendor.auth.kind === 'bearer' ? 'token' : 'api-key'}`;
  return {
    vendor,
    semantics,
    credential,
    keyOf: (params: PathParams) => vendor.pathParameters.map((p) => params[p.name]).join('\u0000'),
    invalidBodyStatus: 400,
    errorMediaType: 'application/json',
    notFoundStatus: 404,
    successStatus: 200,
    authenticate(headers) {
      return headers[vendor.auth.header] === (vendor.auth.kind === 'bearer' ? `Bearer ${credential}` : credential);
    },
    validateBody: (body) => refusedIssues(vendor, body),
    validateQuery(query) {
      // Undocumented parameters are ignored, as servers do; documented ones arrive as text and
      // are typed by the schema (a boolean parameter arrives as "true" or "false").
      const documented = Object.keys((vendor.schemas.query?.properties as object | undefined) ?? {});
      const typed: Record<string, unknown> = Object.fromEntries(
        Object.entries(query)
          .filter(([k]) => documented.includes(k))
          .map(([k, v]) => [k, v === 'true' ? true : v === 'false' ? false : v]),
      );
      const issues: ValidationIssue[] = vendor.schemas.query ? [...validate(vendor, 'query', typed).errors] : [];
      return { query: typed, issues };
    },
    ...specifics,
  };
}

export function seedResponse(seed: { response: unknown }): unknown {
  return structuredClone(seed.response);
}

export type { State };

/**
 * What the reference sandbox refuses: every broken rule, the page's and the project's readings of
 * its examples alike (a provider may be stricter than the page; the suite never demands it). Only
 * what lies beyond the docs (an undocumented field, an unlisted value) is accepted, as servers do.
 */
export function refusedIssues(vendor: VendorDefinition, body: unknown): readonly ValidationIssue[] {
  const result = validate(vendor, 'request', body);
  return [...result.errors, ...result.warnings.filter((w) => w.evidence.kind !== 'beyond')];
}
