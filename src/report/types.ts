import type { VendorId } from '../vendors/index.js';

export type CheckStatus = 'passed' | 'failed' | 'skipped';
export type Step = 'fixtures' | 'properties' | 'contracts' | 'verify' | 'check-client';

/** One check of one vendor, as every command reports it and reports/ renders it. */
export interface CheckResult {
  readonly vendor: VendorId;
  readonly step: Step;
  readonly name: string;
  readonly status: CheckStatus;
  readonly durationMs: number;
  readonly message?: string;
  readonly expected?: unknown;
  readonly actual?: unknown;
  /** Undocumented response fields seen (verify). */
  readonly drift?: readonly { readonly path: string; readonly message: string }[];
}
