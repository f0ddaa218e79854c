/**
 * The library: everything the CLI does, as functions. `import { validate, checkClient, verify } from
 * 'destination-contracts'` works in plain Node ESM (compiled JavaScript with .d.ts).
 *
 * A composition root, like the CLI: it holds the library's catalogue (the built-in vendors, plus those
 * given to `registerVendor`) and hands it to the engines, which take the vendor they work on as a value.
 * Functions here take vendor ids; a `catalogue` option overrides the library's own.
 */
import { arbitrariesFor as arbitrariesOf, type VendorArbitraries } from './arbitraries/index.js';
import { checkClient as checkClientWith, type CheckClientOptions as EngineCheckClientOptions, type CheckClientReport } from './client-check/index.js';
import { startSandbox as startSandboxWith, type Sandbox, type SandboxOptions as EngineSandboxOptions } from './sandbox/server.js';
import { drift as driftOf, hasSchema as documents, validate as validateDocument, type DriftItem, type ValidationResult } from './validate/index.js';
import type { Catalogue } from './vendors/catalogue.js';
import { BUILT_IN_CATALOGUE } from './vendors/index.js';
import { loadVendorPlugins as withVendorPlugins, withVendor } from './vendors/plugins.js';
import type { SchemaKind, VendorDefinition, VendorId, VendorModule } from './vendors/types.js';
import { planVerify as planVerifyWith, type VerifyPlan } from './verify/plan.js';
import { verify as verifyWith, type VerifyOptions as EngineVerifyOptions, type VerifyReport } from './verify/index.js';

let current: Catalogue = BUILT_IN_CATALOGUE;

/** The library's catalogue: the built-in vendors, then those registered, in report order. */
export function catalogue(): Catalogue {
  return current;
}

/**
 * Adds a vendor after those the library knows. Its id must be new and of the form the CLI, file names and
 * environment variables take (lower-case letters, digits and dashes, from a letter); its schemas are compiled here.
 */
export async function registerVendor(module: VendorModule): Promise<void> {
  current = await withVendor(current, module);
}

/** Adds the vendor modules named in DESTCONF_VENDORS (as the CLI does at start-up). */
export async function loadVendorPlugins(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  current = await withVendorPlugins(current, env);
}

export const isVendorId = (id: string): id is VendorId => current.has(id);
export const vendorIds = (): readonly VendorId[] => current.ids;
export const vendorModule = (id: VendorId): VendorModule => current.module(id);
export const getVendor = (id: VendorId): VendorDefinition => current.definition(id);

export function validate(vendor: VendorId, kind: SchemaKind, data: unknown): ValidationResult {
  return validateDocument(current.definition(vendor), kind, data);
}
export function drift(vendor: VendorId, response: unknown): DriftItem[] {
  return driftOf(current.definition(vendor), response);
}
export function hasSchema(vendor: VendorId, kind: SchemaKind): boolean {
  return documents(current.definition(vendor), kind);
}
export function arbitrariesFor(vendor: VendorId): VendorArbitraries {
  return arbitrariesOf(current.definition(vendor));
}

/** The engines' options, with the catalogue optional (the library's by default). */
type WithCatalogue<T> = Omit<T, 'catalogue'> & { readonly catalogue?: Catalogue };
export type VerifyOptions = WithCatalogue<EngineVerifyOptions>;
export type CheckClientOptions = WithCatalogue<EngineCheckClientOptions>;
export type SandboxOptions = Omit<EngineSandboxOptions, 'vendors'> & { readonly vendors?: readonly VendorModule[] };

export const verify = (options: VerifyOptions): Promise<VerifyReport> => verifyWith({ ...options, catalogue: options.catalogue ?? current });
export const planVerify = (options: VerifyOptions): Promise<VerifyPlan> => planVerifyWith({ ...options, catalogue: options.catalogue ?? current }, verifyWith);
export const checkClient = (options: CheckClientOptions): Promise<CheckClientReport> => checkClientWith({ ...options, catalogue: options.catalogue ?? current });
export const startSandbox = (options: SandboxOptions = {}): Promise<Sandbox> => startSandboxWith({ ...options, vendors: options.vendors ?? current.modules });

export type { ValidationResult, ValidationIssue, DriftItem } from './validate/index.js';
export type { CheckClientReport } from './client-check/index.js';
export type { VerifyReport } from './verify/index.js';
export type { VerifyPlan, PlannedRequest } from './verify/plan.js';
export type { Sandbox } from './sandbox/server.js';
export { buildFromInput, buildRequest, expandPath, urlFor, RequestBuildError, type BuiltRequest, type UpdateInput, type Credentials } from './builders/index.js';
export type { VendorArbitraries, Mutation } from './arbitraries/index.js';
export { Catalogue } from './vendors/catalogue.js';
export { BUILT_IN_CATALOGUE, BUILT_IN_VENDORS, type BuiltInVendorId } from './vendors/index.js';
export type { VendorDefinition, VendorId, VendorModule, SchemaKind, JsonSchema, AuthScheme, PathParameter } from './vendors/types.js';
export { BEARER, apiKeyHeader } from './vendors/types.js';
// Each built-in vendor's typed request builder.
export { buildAmpersandUpdate, type AmpersandUpdateInput } from './vendors/ampersand/index.js';
export { buildPrequelUpdate, type PrequelUpdateInput } from './vendors/prequel/index.js';
export { buildRedoxUpdate, type RedoxUpdateInput } from './vendors/redox/index.js';
export { buildStitchUpdate, type StitchUpdateInput } from './vendors/stitch/index.js';
export { buildStreamkapUpdate, type StreamkapUpdateInput } from './vendors/streamkap/index.js';
export { applyStrict, exitCodeOf, type CheckResult, type CheckStatus } from './report/types.js';
export { VERSION } from './version.js';

// The kit a vendor module is written with (a folder like src/vendors/<id>/, registered with
// `registerVendor` or, for the CLI, named in DESTCONF_VENDORS): see README "Adding a vendor".
export { VENDORS_VARIABLE, withVendor } from './vendors/plugins.js';
export { defaultSandboxVendor } from './sandbox/vendor-defaults.js';
export type { SandboxVendor, State as SandboxState, PathParams } from './sandbox/types.js';
export type { VendorSemantics, UpdateRequest } from './semantics/types.js';
export { mergePatch } from './semantics/json.js';
export { standardInteractions, successfulUpdate } from './contracts/interactions.js';
export type { ContractInteraction, VendorContract } from './contracts/types.js';
export { pass, warn, skip, fail, expectSuccess, patchKeepsUnnamedFields, secretNotEchoed, type Probe, type ProbeContext, type ProbeResponse, type ProbeVerdict } from '../suites/provider/probe.js';
export { isRecord } from './schemas/walk.js';
export { once } from './util/once.js';
