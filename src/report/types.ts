import type { VendorId } from '../vendors/types.js';
import { describeEvidence, type Evidence } from '../schemas/evidence.js';

/**
 * `failed`: breaks a rule the vendor page states (or HTTP, URI, JSON). `warning`: goes beyond the
 * page (an undocumented field, drift): reported everywhere, a failure only under `--strict`.
 */
export type CheckStatus = 'passed' | 'warning' | 'failed' | 'skipped';
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
  /** The command that reruns just this check (failures and warnings). */
  readonly reproduce?: string;
  /** Provider findings: the request that showed it, as curl, the credential masked. */
  readonly curl?: string;
  /** Where the rule comes from (the page's sentence, an RFC section, the adapter interface…); its severity follows. */
  readonly evidence?: Evidence;
}

/** `evidence: the page — 004: "…"`, for every report format. */
export function evidenceLine(result: CheckResult): string | undefined {
  return result.evidence ? `evidence: ${describeEvidence(result.evidence)}` : undefined;
}

/** `--only <pattern>`: a check is kept when its name contains the pattern (any case). */
export function matchesOnly(name: string, only: string | undefined): boolean {
  return only === undefined || name.toLowerCase().includes(only.toLowerCase());
}

/** A shell word: safe to paste into a reproduction command. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`;
}

/** Under `--strict` a warning fails: the result says so, and keeps its message. */
export function applyStrict(result: CheckResult, strict: boolean): CheckResult {
  if (!strict || result.status !== 'warning') return result;
  return { ...result, status: 'failed', message: `${result.message ?? 'beyond the docs'} (a warning, failing under --strict)` };
}

/** Exit code 1 when any check failed (warnings have been turned into failures under --strict). */
export function exitCodeOf(results: readonly CheckResult[]): 0 | 1 {
  return results.some((r) => r.status === 'failed') ? 1 : 0;
}
