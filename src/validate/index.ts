/**
 * Validation of a vendor's request, response, path, query and header documents against the
 * schemas, through validators precompiled by `npm run generate` (ajv standalone code): nothing
 * compiles a schema at start-up.
 */
import * as generated from './generated/validators.cjs';
import type { GeneratedValidator } from './generated/validators.cjs';
import { closeDocumentedObjects, validatorName } from '../schemas/ajv.js';
import { getVendor, type SchemaKind, type VendorId } from '../vendors/index.js';
import { describeErrors, type ValidationIssue } from './messages.js';

export type { ValidationIssue } from './messages.js';

export interface ValidationResult {
  readonly valid: boolean;
  readonly errors: readonly ValidationIssue[];
}

export interface DriftItem {
  /** JSON pointer of the undocumented field. */
  readonly path: string;
  readonly message: string;
}

const validators = generated as unknown as Record<string, GeneratedValidator | undefined>;

export function hasSchema(vendor: VendorId, kind: SchemaKind): boolean {
  return getVendor(vendor).schemas[kind] !== undefined;
}

export function validate(vendor: VendorId, kind: SchemaKind, data: unknown): ValidationResult {
  const definition = getVendor(vendor);
  const schema = definition.schemas[kind];
  const validator = validators[validatorName(vendor, kind)];
  if (!schema || !validator) throw new Error(`${vendor} documents no ${kind} schema`);
  if (validator(data)) return { valid: true, errors: [] };
  return { valid: false, errors: describeErrors(validator.errors ?? [], data, schema, definition.seedFile) };
}

const closedResponses = new Map<VendorId, ReturnType<typeof closeDocumentedObjects>>();

/**
 * Fields of a response that the documentation does not name. A response may carry them (response
 * schemas are open), but a contract suite should say so.
 */
export function drift(vendor: VendorId, response: unknown): DriftItem[] {
  const definition = getVendor(vendor);
  const validator = validators[validatorName(vendor, 'response_closed')];
  if (!validator) throw new Error(`no closed response validator for ${vendor}`);
  if (validator(response)) return [];
  const undocumented = (validator.errors ?? []).filter((e) => e.keyword === 'unevaluatedProperties');
  if (undocumented.length === 0) return [];
  let closed = closedResponses.get(vendor);
  if (!closed) {
    closed = closeDocumentedObjects(definition.schemas.response);
    closedResponses.set(vendor, closed);
  }
  return describeErrors(undocumented, response, closed, definition.seedFile).map((i) => ({ path: i.path, message: i.message }));
}
