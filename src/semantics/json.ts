import { isRecord, pointerSegments } from '../schemas/walk.js';

/** JSON equality; values nested deeper than any document here (or cyclic) are not equal. */
export function deepEqual(a: unknown, b: unknown, depth = 0): boolean {
  if (a === b) return true;
  if (depth > 256) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i], depth + 1));
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k], depth + 1));
  }
  return false;
}

/**
 * JSON Merge Patch (RFC 7396) without its null-deletes rule (no schema here allows null in a
 * PATCH body): objects merge key by key, anything else replaces. Writes own properties only, so a
 * `__proto__` key in a payload is data, never a prototype.
 */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isRecord(patch)) return structuredClone(patch);
  const result: Record<string, unknown> = isRecord(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    Object.defineProperty(result, key, { value: mergePatch(result[key], value), enumerable: true, writable: true, configurable: true });
  }
  return result;
}

/** Sets `value` at a dotted path, creating objects on the way; `undefined` deletes. Copies, never mutates. */
export function withPath(target: Record<string, unknown>, path: readonly string[], value: unknown): Record<string, unknown> {
  const [head, ...rest] = path;
  if (head === undefined) return target;
  const copy: Record<string, unknown> = { ...target };
  if (rest.length === 0) {
    if (value === undefined) delete copy[head];
    else Object.defineProperty(copy, head, { value: structuredClone(value), enumerable: true, writable: true, configurable: true });
    return copy;
  }
  const child = isRecord(copy[head]) ? (copy[head] as Record<string, unknown>) : {};
  Object.defineProperty(copy, head, { value: withPath(child, rest, value), enumerable: true, writable: true, configurable: true });
  return copy;
}

export function getPath(source: unknown, path: readonly string[]): unknown {
  let node = source;
  for (const key of path) {
    if (!isRecord(node) || !Object.hasOwn(node, key)) return undefined;
    node = node[key];
  }
  return node;
}

/** A copy of `value` with the values at `pointers` removed. */
export function withoutPointers<T>(value: T, pointers: readonly string[]): T {
  let copy = structuredClone(value) as unknown;
  for (const pointer of pointers) {
    if (isRecord(copy)) copy = withPath(copy, pointerSegments(pointer), undefined);
  }
  return copy as T;
}

/** Stamps `now` into `field` only when `after` differs from `before`. */
export function touched<T extends Record<string, unknown>>(before: T, after: T, field: string, now: string): T {
  return deepEqual(before, after) ? before : ({ ...after, [field]: now } as T);
}

/**
 * The largest valid request inside `candidate`: fields the request schema does not document and
 * values it refuses are dropped, pointer by pointer (a response carries server-owned fields).
 */
export function requestFormOf(validateRequest: (body: unknown) => { errors: readonly { path: string }[]; warnings: readonly { path: string }[] }, candidate: unknown): unknown {
  let body = structuredClone(candidate);
  for (let round = 0; round < 8; round++) {
    const result = validateRequest(body);
    const pointers = [...result.warnings, ...result.errors].map((i) => i.path).filter((p) => p !== '');
    if (pointers.length === 0) return body;
    body = withoutPointers(body, pointers);
  }
  return body;
}
