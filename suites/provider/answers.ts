/** What a provider answered, and the pure readings of it that probes and laws share. */
import { isRecord, pointerGet } from '../../src/schemas/walk.js';
import { deepEqual } from '../../src/semantics/json.js';
import { firstWinsReading, type RepeatedName } from '../../src/util/json-names.js';
import type { VendorDefinition } from '../../src/vendors/types.js';

export interface ProbeResponse {
  readonly status: number;
  /** Parsed JSON, or the text when it is not JSON. */
  readonly body: unknown;
  readonly text: string;
  /** The response headers as `name: value` lines (a secret must not hide there either). */
  readonly headers: string;
  /** The origin a redirect pointed to, which the probe did not follow (credentials stay home). */
  readonly redirectedTo?: string;
  /** A JSON answer's names that repeat within one object (empty when none; absent when the answer is not JSON). */
  readonly repeatedNames?: readonly RepeatedName[];
  /** The answer as parsers that keep the first of repeated names read it, when that differs from `body` (JSON.parse keeps the last). */
  readonly firstReading?: unknown;
}

/** An answer as received: parsed as JSON when it is, with both readings when repeated names make them differ. */
export function answerOf(status: number, text: string, headers: string, redirectedTo?: string): ProbeResponse {
  const redirect = redirectedTo ? { redirectedTo } : {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { status, body: text, text, headers, ...redirect };
  }
  const { value, repeated } = firstWinsReading(text);
  const differs = repeated.length > 0 && !deepEqual(value, body);
  return { status, body, text, headers, ...redirect, repeatedNames: repeated, ...(differs ? { firstReading: value } : {}) };
}

export const isSuccess = (response: ProbeResponse): boolean => response.status >= 200 && response.status < 300;

/** The destination object an answer shows (at the vendor's destination pointer), or undefined. */
export const destinationOf = (vendor: VendorDefinition, response: ProbeResponse): Record<string, unknown> | undefined => {
  const found = pointerGet(response.body, vendor.destinationPointer);
  return isRecord(found) ? found : undefined;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An answer's id names the destination asked for: a uuid in any letter case (RFC 9562 §4), a number as its digits. */
export function sameId(answered: unknown, asked: string): boolean {
  const text = String(answered);
  return text === asked || (UUID.test(text) && UUID.test(asked) && text.toLowerCase() === asked.toLowerCase());
}

/** The instant a date-time names (NaN when it is not one). */
export function instantOf(value: unknown): number {
  return typeof value === 'string' ? Date.parse(value) : Number.NaN;
}

/** Two timestamps name one instant; values that are not date-times are compared as they are. */
export function sameInstant(a: unknown, b: unknown): boolean {
  const [x, y] = [instantOf(a), instantOf(b)];
  return Number.isNaN(x) || Number.isNaN(y) ? JSON.stringify(a) === JSON.stringify(b) : x === y;
}
