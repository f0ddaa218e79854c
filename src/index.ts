/**
 * The library: everything the CLI does, as functions. `import { validate, checkClient, verify } from
 * 'destination-contracts'` works in plain Node ESM (compiled JavaScript with .d.ts).
 */
export { validate, drift, hasSchema, type ValidationResult, type ValidationIssue, type DriftItem } from './validate/index.js';
export { checkClient, type CheckClientOptions, type CheckClientReport } from './client-check/index.js';
export { verify, type VerifyOptions, type VerifyReport } from './verify/index.js';
export { planVerify, type VerifyPlan, type PlannedRequest } from './verify/plan.js';
export { startSandbox, type Sandbox, type SandboxOptions } from './sandbox/server.js';
export { buildFromInput, buildRequest, expandPath, urlFor, RequestBuildError, type BuiltRequest, type UpdateInput, type Credentials } from './builders/index.js';
export { arbitrariesFor, type VendorArbitraries, type Mutation } from './arbitraries/index.js';
// The registry: every vendor, lookup, registration, and each built-in vendor's typed request builder.
export * from './vendors/index.js';
export { applyStrict, exitCodeOf, type CheckResult, type CheckStatus } from './report/types.js';
export { VERSION } from './version.js';

// The kit a vendor module is written with (a folder like src/vendors/<id>/, registered with
// `registerVendor` or, for the CLI, named in DESTCONF_VENDORS): see README "Adding a vendor".
export { loadVendorPlugins, VENDORS_VARIABLE } from './vendors/plugins.js';
export { defaultSandboxVendor } from './sandbox/vendor-defaults.js';
export type { SandboxVendor, State as SandboxState, PathParams } from './sandbox/types.js';
export type { VendorSemantics, UpdateRequest } from './semantics/types.js';
export { mergePatch } from './semantics/json.js';
export { standardInteractions, successfulUpdate } from './contracts/interactions.js';
export type { ContractInteraction, VendorContract } from './contracts/types.js';
export { pass, warn, skip, fail, expectSuccess, patchKeepsUnnamedFields, secretNotEchoed, type Probe, type ProbeContext, type ProbeResponse, type ProbeVerdict } from '../suites/provider/probe.js';
export { isRecord } from './schemas/walk.js';
export { once } from './util/once.js';
