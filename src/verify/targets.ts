/**
 * Where `verify` points each vendor, and with which credentials and ids: the bundled sandbox by
 * default, or a provider base URL configured through DESTCONF_<VENDOR>_… environment variables.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { UsageError } from '../util/errors.js';
import { MAX_INPUT_BYTES, parseJsonDocument } from '../util/json-input.js';
import { secretPointers, valuesAt } from '../schemas/walk.js';
import { validate } from '../validate/index.js';
import type { VendorDefinition, VendorId, VendorModule } from '../vendors/types.js';

export interface VerifyTarget {
  /** The vendor's id (results name it); `module` is the vendor itself, which the probes work on. */
  readonly vendor: VendorId;
  readonly module: VendorModule;
  /** The vendor's base URL (documented paths are appended). */
  readonly baseUrl: string;
  readonly credential: string;
  /** Ids of an existing destination, by adapter-input key. */
  readonly ids: Readonly<Record<string, string>>;
  /** The sandbox's provider-state endpoint; absent for live providers. */
  readonly stateUrl?: string;
  /** A real provider's destination (--base-url): probes must leave it as they found it. */
  readonly live: boolean;
  /** The request body the run ends with (DESTCONF_<VENDOR>_RESTORE_FILE): PUT vendors; PATCH vendors whose state cannot be read. */
  readonly restoreBody?: unknown;
  /** The secrets the user handed in besides the credential (the restore body's secret fields): masked in all output. */
  readonly secrets?: readonly string[];
  /** A throwaway destination (--allow-overwrite): probes may change what no restore can put back (another kind of destination). */
  readonly overwritable?: boolean;
}

export interface LiveTargetOptions {
  /** PUT vendors without a restore file: overwrite the destination anyway (a throwaway one). */
  readonly allowOverwrite?: boolean;
}
export interface SkippedTarget {
  readonly vendor: VendorId;
  readonly skipped: string;
}

/** Environment variable names of a vendor, e.g. DESTCONF_<VENDOR>_API_KEY. */
export function envNames(vendor: VendorDefinition): { credential: string; ids: Record<string, string>; restoreFile: string } {
  const prefix = `DESTCONF_${vendor.id.toUpperCase()}`;
  const ids: Record<string, string> = {};
  for (const p of vendor.pathParameters) ids[p.inputKey] = p.inputKey === 'projectIdOrName' ? `${prefix}_PROJECT` : `${prefix}_DESTINATION_ID`;
  return {
    credential: `${prefix}_${vendor.auth.credential === 'token' ? 'TOKEN' : 'API_KEY'}`,
    ids,
    // PUT vendors need it (a PUT replaces the whole destination and the pages offer no way to read it first);
    // PATCH vendors take it where their state cannot be read (an update that changes nothing is refused).
    restoreFile: `${prefix}_RESTORE_FILE`,
  };
}

export function liveTarget(module: VendorModule, baseUrl: string, env: NodeJS.ProcessEnv, options: LiveTargetOptions = {}): VerifyTarget | SkippedTarget {
  const vendor = module.definition;
  const vendorId = vendor.id;
  const names = envNames(vendor);
  const missing = [names.credential, ...Object.values(names.ids)].filter((name) => !env[name]?.trim());
  if (missing.length > 0) return { vendor: vendorId, skipped: `not configured: set ${missing.join(', ')}` };
  const ids = Object.fromEntries(Object.entries(names.ids).map(([key, name]) => [key, env[name]!.trim()]));
  for (const [key, name] of Object.entries(names.ids)) {
    // URLs remove dot-segments, encoded or not (RFC 3986 §5.2.4, WHATWG URL): such an id would address the collection above it.
    if (ids[key] === '.' || ids[key] === '..') throw new UsageError(`${name} is ${JSON.stringify(ids[key])}: a dot-segment cannot name a destination in a URL path (RFC 3986 §5.2.4)`);
  }
  const restoreFile = env[names.restoreFile]?.trim() || undefined;
  if (vendor.method === 'PUT' && !restoreFile && !options.allowOverwrite) {
    return {
      vendor: vendorId,
      skipped: `a PUT replaces the whole destination and the page offers no way to read it first: set ${names.restoreFile} to the request body the run should end with, or pass --allow-overwrite for a throwaway destination`,
    };
  }
  return {
    vendor: vendorId,
    module,
    baseUrl: baseUrl.replace(/\/+$/, ''),
    credential: env[names.credential]!.trim(),
    ids,
    live: true,
    ...(options.allowOverwrite ? { overwritable: true } : {}),
    ...(restoreFile ? restoreOf(vendor, readRestoreBody(vendor, names.restoreFile, restoreFile)) : {}),
  };
}

/** The restore body and its secrets: every field its schema marks secret, stated by the page or decided here. */
function restoreOf(vendor: VendorDefinition, body: unknown): Pick<VerifyTarget, 'restoreBody' | 'secrets'> {
  return { restoreBody: body, secrets: valuesAt(body, secretPointers(vendor.schemas.request, body, vendor.isSecretOpenKey)) };
}

/** The restore body: a valid request of the vendor, or a usage error (exit 2) that says why. */
function readRestoreBody(vendor: VendorDefinition, variable: string, file: string): unknown {
  let bytes: Buffer;
  try {
    if (!statSync(file).isFile()) throw new UsageError(`${variable}: ${file} is not a file`);
    if (statSync(file).size > MAX_INPUT_BYTES) throw new UsageError(`${variable}: ${file} is larger than ${MAX_INPUT_BYTES} bytes`);
    bytes = readFileSync(file);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${variable}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const body = parseJsonDocument(bytes, `${variable} (${file})`);
  const result = validate(vendor, 'request', body);
  if (!result.valid) throw new UsageError(`${variable}: ${file} is not a valid ${vendor.id} request body: ${result.errors.map((e) => e.message).join('; ')}`);
  return body;
}

export function sandboxTarget(module: VendorModule, sandboxUrl: string, exampleIds: Readonly<Record<string, string>>): VerifyTarget {
  const vendorId = module.definition.id;
  return {
    vendor: vendorId,
    module,
    baseUrl: `${sandboxUrl}/${vendorId}`,
    credential: module.sandbox.credential,
    ids: exampleIds,
    live: false,
    stateUrl: `${sandboxUrl}/_destconf/provider-states`,
  };
}

/**
 * An id no destination has, of the same form as the example so that a provider cannot refuse it
 * as malformed: digits where the example is numeric, a uuid where it is a uuid, otherwise text.
 */
export function freshMissingId(example: string): string {
  if (/^\d+$/.test(example)) return `9${String(Math.floor(Math.random() * 1e15)).padStart(15, '0')}`;
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(example)) return randomUUID();
  return `destconf-missing-${randomUUID()}`;
}

export function isSkipped(target: VerifyTarget | SkippedTarget): target is SkippedTarget {
  return 'skipped' in target;
}
