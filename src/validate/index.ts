/**
 * Validation of a vendor's request, response, path, query and header documents against the
 * schemas, through validators precompiled by `npm run generate` (ajv standalone code): nothing
 * compiles a schema at start-up.
 */
import { createRequire } from 'node:module';
import type { GeneratedValidator, GeneratedValidators } from './generated/validators.cjs';
import { fromRoot } from '../util/paths.js';
import { closeDocumentedObjects, validatorName } from '../schemas/closed.js';
import { existsSync } from 'node:fs';
import type { JsonSchema, SchemaKind, VendorDefinition } from '../vendors/types.js';
import { describeErrors, type ValidationIssue } from './messages.js';
import { page, severityOf } from '../schemas/evidence.js';

export type { ValidationIssue } from './messages.js';

/**
 * `errors` break a rule the page states (required, type, enum, format, pattern…): `valid` is false.
 * `warnings` go beyond the page without breaking it (an undocumented field, an updateMask path
 * outside the page's "Allowed values include" list): `valid` stays true; `--strict` fails on them.
 */
export interface ValidationResult {
  readonly valid: boolean;
  readonly errors: readonly ValidationIssue[];
  readonly warnings: readonly ValidationIssue[];
}

export interface DriftItem {
  /** JSON pointer of the undocumented field. */
  readonly path: string;
  readonly message: string;
}

const loaded = new WeakMap<VendorDefinition, GeneratedValidators>();
const requireModule = createRequire(import.meta.url);

/**
 * The vendor's validators: those compiled for it when it was added to a catalogue (a vendor from
 * outside), else its precompiled module (src/validate/generated/<vendor>.cjs), loaded on first use:
 * validating one vendor's document compiles no other vendor's code. Loaded by path, not bundled.
 */
function validatorsOf(vendor: VendorDefinition): GeneratedValidators {
  let module = loaded.get(vendor);
  if (!module) {
    const file = fromRoot('src/validate/generated', `${vendor.id}.cjs`);
    if (!existsSync(file)) throw new Error(`no validators for vendor ${vendor.id}: add it to a catalogue (registerVendor) first`);
    module = requireModule(file) as GeneratedValidators;
    loaded.set(vendor, module);
  }
  return module;
}

/** Validators compiled at run time, for a vendor added from outside (no generated module). */
export function useValidators(vendor: VendorDefinition, validators: GeneratedValidators): void {
  loaded.set(vendor, validators);
}

export function hasSchema(vendor: VendorDefinition, kind: SchemaKind): boolean {
  return vendor.schemas[kind] !== undefined;
}

/** The result of every valid document: shared and frozen, so the valid path allocates nothing. */
const NONE = Object.freeze([]) as readonly ValidationIssue[];
const VALID: ValidationResult = Object.freeze({ valid: true, errors: NONE, warnings: NONE });

interface Entry {
  readonly validator: GeneratedValidator;
  readonly schema: JsonSchema;
  readonly seed: string;
}
const entries = new WeakMap<VendorDefinition, Partial<Record<SchemaKind, Entry>>>();

function loadEntry(vendor: VendorDefinition, kind: SchemaKind): Entry {
  const schema = vendor.schemas[kind];
  const validator = validatorsOf(vendor)[validatorName(vendor.id, kind)];
  if (!schema || !validator) throw new Error(`${vendor.id} documents no ${kind} schema`);
  const entry = { validator, schema, seed: vendor.seedFile };
  let kinds = entries.get(vendor);
  if (!kinds) entries.set(vendor, (kinds = {}));
  kinds[kind] = entry;
  return entry;
}

// The entry of the last call: a run of documents of one vendor and kind skips even the lookup.
let lastVendor: VendorDefinition | undefined;
let lastKind: SchemaKind | undefined;
let lastEntry: Entry | undefined;

export function validate(vendor: VendorDefinition, kind: SchemaKind, data: unknown): ValidationResult {
  let entry: Entry;
  if (vendor === lastVendor && kind === lastKind) entry = lastEntry!;
  else {
    entry = entries.get(vendor)?.[kind] ?? loadEntry(vendor, kind);
    lastVendor = vendor;
    lastKind = kind;
    lastEntry = entry;
  }
  const passed = runValidator(entry, data);
  if (passed === 'overflow') return { valid: false, errors: tooLongValues(data, entry.seed), warnings: NONE };
  if (passed) return VALID;
  const issues = describeErrors(entry.validator.errors ?? [], data, entry.schema, entry.seed);
  // Severity follows the evidence: a constraint shown only by an example, or a project decision, is a warning.
  const errors = issues.filter((i) => severityOf(i.evidence) === 'error');
  const warnings = issues.filter((i) => severityOf(i.evidence) === 'warning');
  if (errors.length === 0 && warnings.length === 0) return VALID;
  return { valid: errors.length === 0, errors, warnings };
}

/**
 * Format checks are regexes: on a value of megabytes some overflow the stack (V8's backtracking
 * recursion). Such a value is invalid, and said so, rather than a crash.
 */
function runValidator(entry: Entry, data: unknown): boolean | 'overflow' {
  try {
    return entry.validator(data);
  } catch (error) {
    if (error instanceof RangeError && tooLongValues(data, entry.seed).length > 0) return 'overflow';
    throw error;
  }
}

const TOO_LONG = 64 * 1024;

function tooLongValues(data: unknown, seed: string): ValidationIssue[] {
  const found: ValidationIssue[] = [];
  const walk = (value: unknown, pointer: string): void => {
    if (typeof value === 'string' && value.length > TOO_LONG) {
      found.push({ path: pointer, message: `${pointer || '/'}: ${value.length} characters, longer than any value this field can hold (not accepted)`, keyword: 'maxLength', schemaPath: '#', doc: { seed, field: pointer.slice(1).replace(/\//g, '.') }, evidence: page(`${seed}: the field is a string of a size a request can carry`) });
    } else if (Array.isArray(value)) value.forEach((item, i) => walk(item, `${pointer}/${i}`));
    else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
  };
  walk(data, '');
  return found;
}


const closedResponses = new WeakMap<VendorDefinition, ReturnType<typeof closeDocumentedObjects>>();

/**
 * Fields of a response that the documentation does not name. A response may carry them (response
 * schemas are open), but a contract suite should say so.
 */
export function drift(vendor: VendorDefinition, response: unknown): DriftItem[] {
  const validator = validatorsOf(vendor)[validatorName(vendor.id, 'response_closed')];
  if (!validator) throw new Error(`no closed response validator for ${vendor.id}`);
  if (validator(response)) return [];
  const undocumented = (validator.errors ?? []).filter((e) => e.keyword === 'unevaluatedProperties');
  if (undocumented.length === 0) return [];
  let closed = closedResponses.get(vendor);
  if (!closed) {
    closed = closeDocumentedObjects(vendor.schemas.response);
    closedResponses.set(vendor, closed);
  }
  return describeErrors(undocumented, response, closed, vendor.seedFile).map((i) => ({ path: i.path, message: i.message }));
}
