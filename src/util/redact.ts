/**
 * Masks secrets in anything on its way out (messages, reports, logs). Secrets are registered
 * as they become known (credentials from the environment, secrets planted in payloads).
 */
export const MASK = '***';

export class Redactor {
  private readonly secrets = new Set<string>();

  add(...values: (string | undefined)[]): this {
    // Very short values would mask ordinary words; no real credential is that short.
    for (const value of values) if (value && value.length >= 4) this.secrets.add(value);
    return this;
  }

  text(input: string): string {
    let out = input;
    for (const secret of [...this.secrets].sort((a, b) => b.length - a.length)) {
      out = out.split(secret).join(MASK);
      const encoded = encodeURIComponent(secret);
      if (encoded !== secret) out = out.split(encoded).join(MASK);
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
