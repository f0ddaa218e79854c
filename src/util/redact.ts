/**
 * Masks secrets in anything on its way out (messages, reports, logs). Secrets are registered
 * as they become known (credentials from the environment, secrets planted in payloads).
 */
import { spellingsOf } from './secret-forms.js';

export const MASK = '***';

export class Redactor {
  private readonly secrets = new Set<string>();

  add(...values: (string | undefined)[]): this {
    // Very short values would mask ordinary words; no real credential is that short.
    for (const value of values) if (value && value.length >= 4) this.secrets.add(value);
    return this;
  }

  /** HTTP Basic credentials: also masked as the base64 of `user:password` a broker may echo back. */
  addBasicAuth(username: string | undefined, password: string | undefined): this {
    this.add(username, password);
    if (username !== undefined && password !== undefined) this.add(Buffer.from(`${username}:${password}`).toString('base64'));
    return this;
  }

  /** Masks every secret however it is printed (src/util/secret-forms.ts: escaped, encoded, base64, hex, reversed). */
  text(input: string): string {
    let out = input;
    for (const secret of [...this.secrets].sort((a, b) => b.length - a.length)) {
      for (const form of spellingsOf(secret)) out = out.split(form).join(MASK);
    }
    return out;
  }

  /** A masked copy; a value JSON cannot hold (a cycle, a BigInt) becomes a description of it. */
  value<T>(input: T): T {
    if (input === undefined) return input;
    return JSON.parse(this.text(safeStringify(input))) as T;
  }
}

/**
 * JSON text of any value a client or provider may hand over: a cycle, a BigInt or a nesting deeper
 * than results need (a provider may answer 10,000 levels deep) does not throw; it is described.
 */
export function safeStringify(value: unknown): string {
  return JSON.stringify(jsonSafe(value, new Set(), 0)) ?? 'undefined';
}

const MAX_DEPTH = 64;

function jsonSafe(value: unknown, ancestors: Set<object>, depth: number): unknown {
  if (typeof value === 'bigint') return `${value.toString()}n`;
  if (value === null || typeof value !== 'object') return value;
  if (ancestors.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[nested too deep]';
  ancestors.add(value);
  const copy = Array.isArray(value)
    ? value.map((item) => jsonSafe(item, ancestors, depth + 1))
    : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonSafe(v, ancestors, depth + 1)]));
  ancestors.delete(value);
  return copy;
}
