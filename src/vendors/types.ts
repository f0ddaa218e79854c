/**
 * What the engines know of a vendor: its definition (facts of its seed page) and the modules of its
 * folder, src/vendors/<id>/. Nothing here names a vendor; the registry (./index.ts) lists them.
 */
import type { VendorContract } from '../contracts/types.js';
import type { SandboxVendor } from '../sandbox/types.js';
import type { VendorSemantics } from '../semantics/types.js';
import type { Probe } from '../../suites/provider/probe.js';

/** The id of a registered vendor (built in, or added with `registerVendor`); `isVendorId` checks one. */
export type VendorId = string;

/** The JSON documents a schema exists for. `query` exists only where the page documents one. */
export type SchemaKind = 'request' | 'response' | 'path' | 'query' | 'headers';

export type JsonSchema = Record<string, unknown>;

export interface BearerAuth {
  readonly kind: 'bearer';
  /** Lower-cased header name. */
  readonly header: 'authorization';
  readonly credential: 'token';
}
export interface ApiKeyAuth {
  readonly kind: 'api-key';
  /** Lower-cased header name. */
  readonly header: string;
  /** The header name as the page spells it. */
  readonly headerDisplay: string;
  readonly credential: 'apiKey';
}
export type AuthScheme = BearerAuth | ApiKeyAuth;

export interface PathParameter {
  /** Name in the documented path template, e.g. `destination_id`. */
  readonly name: string;
  /** Key of the adapter input that carries it, e.g. `destinationId`. */
  readonly inputKey: string;
}

/** Facts about one vendor's "update a destination" endpoint, taken from its seed page. */
export interface VendorDefinition<Id extends string = VendorId> {
  readonly id: Id;
  readonly title: string;
  /** File name of the page in ../shared/seeds this vendor is derived from. */
  readonly seedFile: string;
  readonly docUrl: string;
  readonly method: 'PUT' | 'PATCH';
  /** Pact provider name. */
  readonly providerName: string;
  /** Documented path, with `{param}` placeholders. */
  readonly pathTemplate: string;
  readonly pathParameters: readonly PathParameter[];
  readonly auth: AuthScheme;
  readonly schemas: Readonly<Partial<Record<SchemaKind, JsonSchema>>> & {
    readonly request: JsonSchema;
    readonly response: JsonSchema;
    readonly path: JsonSchema;
    readonly headers: JsonSchema;
  };
  /**
   * Whether a key of an open (schema-less) object holds a secret. Used where the page leaves an
   * object open and secrets cannot be marked `writeOnly` field by field (a free-form `config`).
   */
  readonly isSecretOpenKey?: (key: string) => boolean;
  /**
   * Headers the vendor's own material says every call should carry (not a rule of the page: a
   * client that leaves them out is not failed). `verify` sends them.
   */
  readonly recommendedHeaders?: Readonly<Record<string, string>>;
  /** Where the destination object sits in a 2xx answer (a JSON pointer; '' for the whole body). */
  readonly destinationPointer: string;
  /** The destination's creation and update timestamp fields, where the page documents them. */
  readonly timestamps?: { readonly created: string; readonly updated?: string };
  /** Query parameters under which the page says secret values are returned (Streamkap's secret_returned=true). */
  readonly revealsSecrets?: (query: Readonly<Record<string, string>>) => boolean;
}

export const BEARER: BearerAuth = { kind: 'bearer', header: 'authorization', credential: 'token' };
export function apiKeyHeader(headerDisplay: string): ApiKeyAuth {
  return { kind: 'api-key', header: headerDisplay.toLowerCase(), headerDisplay, credential: 'apiKey' };
}

/** Everything specific to one vendor, one module of its folder each. */
export interface VendorModule<Id extends string = VendorId> {
  readonly definition: VendorDefinition<Id>;
  /** What an update does to a stored destination (./semantics.ts). */
  readonly semantics: VendorSemantics;
  /** How the bundled sandbox plays the vendor: seed state, credential, statuses, error shape (./sandbox.ts). */
  readonly sandbox: SandboxVendor;
  /** The consumer contract, built on first use (./contract.ts); its first interaction is the documented example. */
  readonly contract: () => VendorContract;
  /** Provider probes of the vendor's own rules, built on first use; `verify` runs them after the common ones (./probes.ts). */
  readonly probes: () => readonly Probe[];
}
