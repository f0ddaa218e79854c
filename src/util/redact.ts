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

  value<T>(input: T): T {
    if (input === undefined) return input;
    return JSON.parse(this.text(JSON.stringify(input))) as T;
  }
}
