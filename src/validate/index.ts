/**
 * Validation of a vendor's request, response, path, query and header documents against the
 * schemas, through validators precompiled by `npm run generate` (ajv standalone code): nothing
 * compiles a schema at start-up.
 */
import { createRequire } from 'node:module';
import type { GeneratedValidator, GeneratedValidators } from './generated/validators.cjs';
import { fromRoot } from '../util/paths.js';
import { closeDocumentedObjects, validatorName } from '../schemas/closed.js';
import { getVendor, type JsonSchema, type SchemaKind, type VendorId } from '../vendors/index.js';
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

const loaded = new Map<VendorId, GeneratedValidators>();
const requireModule = createRequire(import.meta.url);

/**
 * The vendor's precompiled validators (src/validate/generated/<vendor>.cjs), loaded on first use:
 * validating one vendor's document compiles no other vendor's code. Loaded by path, not bundled.
 */
function validatorsOf(vendor: VendorId): GeneratedValidators {
  let module = loaded.get(vendor);
  if (!module) {
    module = requireModule(fromRoot('src/validate/generated', `${vendor}.cjs`)) as GeneratedValidators;
    loaded.set(vendor, module);
  }
  return module;
}

export function hasSchema(vendor: VendorId, kind: SchemaKind): boolean {
  return getVendor(vendor).schemas[kind] !== undefined;
}

/** The result of every valid document: shared and frozen, so the valid path allocates nothing. */
const VALID: ValidationResult = Object.freeze({ valid: true, errors: Object.freeze([]) as readonly ValidationIssue[] });

interface Entry {
  readonly validator: GeneratedValidator;
  readonly schema: JsonSchema;
  readonly seed: string;
}
const entries: Partial<Record<VendorId, Partial<Record<SchemaKind, Entry>>>> = {};

function loadEntry(vendor: VendorId, kind: SchemaKind): Entry {
  const definition = getVendor(vendor);
  const schema = definition.schemas[kind];
  const validator = validatorsOf(vendor)[validatorName(vendor, kind)];
  if (!schema || !validator) throw new Error(`${vendor} documents no ${kind} schema`);
  const entry = { validator, schema, seed: definition.seedFile };
  (entries[vendor] ??= {})[kind] = entry;
  return entry;
}

// The entry of the last call: a run of documents of one vendor and kind skips even the lookup.
let lastVendor: VendorId | undefined;
let lastKind: SchemaKind | undefined;
let lastEntry: Entry | undefined;

export function validate(vendor: VendorId, kind: SchemaKind, data: unknown): ValidationResult {
  let entry: Entry;
  if (vendor === lastVendor && kind === lastKind) entry = lastEntry!;
  else {
    entry = entries[vendor]?.[kind] ?? loadEntry(vendor, kind);
    lastVendor = vendor;
    lastKind = kind;
    lastEntry = entry;
  }
  if (entry.validator(data)) return VALID;
  return { valid: false, errors: describeErrors(entry.validator.errors ?? [], data, entry.schema, entry.seed) };
}

const closedResponses = new Map<VendorId, ReturnType<typeof closeDocumentedObjects>>();

/**
 * Fields of a response that the documentation does not name. A response may carry them (response
 * schemas are open), but a contract suite should say so.
 */
export function drift(vendor: VendorId, response: unknown): DriftItem[] {
  const definition = getVendor(vendor);
  const validator = validatorsOf(vendor)[validatorName(vendor, 'response_closed')];
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
