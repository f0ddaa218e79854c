import type { ValidationIssue } from '../validate/index.js';
import type { VendorSemantics } from '../semantics/types.js';
import type { VendorDefinition, VendorId } from '../vendors/types.js';

export type State = Record<string, unknown>;
/** Path parameters by their template name, decoded. */
export type PathParams = Readonly<Record<string, string>>;

/** What the sandbox does for one vendor. Each step can be overridden (mutant providers). */
export interface SandboxVendor {
  readonly vendor: VendorDefinition;
  readonly semantics: VendorSemantics;
  /** The destinations present at start-up, from the seed (a doc example response). */
  seed(): { params: PathParams; state: State }[];
  /** A destination created for a provider state "a destination with id … exists". */
  stateFor(params: PathParams): State;
  /** Store key of a destination; undefined when the parameters cannot name one (→ 404). */
  keyOf(params: PathParams): string | undefined;
  /** The vendor's error body. The pages document none: see README "Sandbox". */
  errorBody(status: number, message: string, issues?: readonly ValidationIssue[], location?: 'body' | 'query'): unknown;
  /** The status for an invalid body (400 unless the vendor's framework answers otherwise, e.g. FastAPI's 422). */
  readonly invalidBodyStatus: number;
  /**
   * The credential the sandbox accepts. It guards nothing (the sandbox is local and holds no data
   * of yours); `destconf sandbox` prints it so that a client can be pointed at the sandbox.
   */
  readonly credential: string;
  authenticate(headers: Readonly<Record<string, string | string[] | undefined>>): boolean;
  /** The rules the page states for a body, given the destination it updates (a rule may depend on the stored destination). */
  validateBody(body: unknown, state: State): readonly ValidationIssue[];
  /** The media type of error answers (application/json, or e.g. RFC 9457 problem details). */
  readonly errorMediaType: string;
  /** The status for an id that names no destination (404 unless the vendor documents another). */
  readonly notFoundStatus: number;
  validateQuery(query: Readonly<Record<string, string>>): { query: Record<string, unknown>; issues: readonly ValidationIssue[] };
  /** The 2xx status of a successful update. */
  readonly successStatus: number;
}

export type SandboxOverrides = Partial<Record<VendorId, Partial<Omit<SandboxVendor, 'vendor'>>>>;

export interface SandboxFaults {
  /** Added before every update answer. */
  readonly latencyMs?: number;
  /** Answer every update with this status (5xx) and a JSON error body. */
  readonly status?: number;
  /** Destroy the connection without answering. */
  readonly reset?: boolean;
  /** Send half of a JSON body, then end the response. */
  readonly truncate?: boolean;
  /** Send the body one byte every `dripMs` milliseconds. */
  readonly dripMs?: number;
}
