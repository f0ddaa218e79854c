/** The sandbox behaviour every vendor shares, built from its definition and its semantics. */
import { SEMANTICS } from '../semantics/index.js';
import { validate, type ValidationIssue } from '../validate/index.js';
import type { VendorDefinition } from '../vendors/index.js';
import { SANDBOX_CREDENTIALS } from './credentials.js';
import type { PathParams, SandboxVendor, State } from './types.js';

export function defaultSandboxVendor(
  vendor: VendorDefinition,
  specifics: Pick<SandboxVendor, 'seed' | 'stateFor' | 'errorBody'> & Partial<SandboxVendor>,
): SandboxVendor {
  return {
    vendor,
    semantics: SEMANTICS[vendor.id],
    keyOf: (params: PathParams) => vendor.pathParameters.map((p) => params[p.name]).join('\u0000'),
    invalidBodyStatus: 400,
    errorMediaType: 'application/json',
    notFoundStatus: 404,
    successStatus: 200,
    authenticate(headers) {
      const value = headers[vendor.auth.header];
      const secret = SANDBOX_CREDENTIALS[vendor.id];
      return value === (vendor.auth.kind === 'bearer' ? `Bearer ${secret}` : secret);
    },
    validateBody: (body) => validate(vendor.id, 'request', body).errors,
    validateQuery(query) {
      // Undocumented parameters are ignored, as servers do; documented ones arrive as text and
      // are typed by the schema (booleans for Streamkap).
      const documented = Object.keys((vendor.schemas.query?.properties as object | undefined) ?? {});
      const typed: Record<string, unknown> = Object.fromEntries(
        Object.entries(query)
          .filter(([k]) => documented.includes(k))
          .map(([k, v]) => [k, v === 'true' ? true : v === 'false' ? false : v]),
      );
      const issues: ValidationIssue[] = vendor.schemas.query ? [...validate(vendor.id, 'query', typed).errors] : [];
      return { query: typed, issues };
    },
    ...specifics,
  };
}

export function seedResponse(seed: { response: unknown }): unknown {
  return structuredClone(seed.response);
}

export type { State };
