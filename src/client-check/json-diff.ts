/** What differs between two JSON values, pointer by pointer: the readable half of a body diff. */
import { isRecord as isObject, pointerJoin } from '../schemas/walk.js';
import { safeStringify } from '../util/redact.js';

export interface Difference {
  readonly pointer: string;
  readonly kind: 'dropped' | 'added' | 'changed';
  readonly expected?: unknown;
  readonly actual?: unknown;
}

export function jsonDifferences(expected: unknown, actual: unknown, pointer = '', depth = 0): Difference[] {
  // A client may hand back anything, cycles included: past this depth, compare no further.
  if (depth > 64) return [{ pointer: pointer || '/', kind: 'changed', expected: '[nested too deep]', actual: '[nested too deep]' }];
  if (isObject(expected) && isObject(actual)) {
    const out: Difference[] = [];
    for (const key of Object.keys(expected)) {
      const at = pointerJoin(pointer, key);
      if (!Object.hasOwn(actual, key)) out.push({ pointer: at, kind: 'dropped', expected: expected[key] });
      else out.push(...jsonDifferences(expected[key], actual[key], at, depth + 1));
    }
    for (const key of Object.keys(actual)) {
      if (!Object.hasOwn(expected, key)) out.push({ pointer: pointerJoin(pointer, key), kind: 'added', actual: actual[key] });
    }
    return out;
  }
  if (Array.isArray(expected) && Array.isArray(actual) && expected.length === actual.length) {
    return expected.flatMap((item, i) => jsonDifferences(item, actual[i], pointerJoin(pointer, i), depth + 1));
  }
  return safeStringify(expected) === safeStringify(actual) ? [] : [{ pointer: pointer || '/', kind: 'changed', expected, actual }];
}

export function describeDifferences(differences: readonly Difference[], limit = 5): string {
  const shown = differences.slice(0, limit).map((d) => `${d.kind} ${d.pointer}`);
  return `${shown.join(', ')}${differences.length > limit ? `, and ${differences.length - limit} more` : ''}`;
}
