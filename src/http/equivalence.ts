/**
 * When two HTTP requests mean the same thing (../shared/VENDOR-NOTES.md, "HTTP facts"): a conforming
 * client is judged by meaning, never by the spelling our reference client happens to use.
 * - Media types are case-insensitive, with optional white space around `;` and parameters (RFC 9110 §8.3.1).
 * - JSON text between systems is UTF-8 (RFC 8259 §8.1): a `charset` parameter, if any, names UTF-8.
 * - In a path segment, `%2f` equals `%2F`, unreserved characters may be encoded or not, and
 *   sub-delims, `:` and `@` may stand raw (RFC 3986 §2.1, §2.3, §3.3).
 * - The auth scheme is case-insensitive (RFC 9110 §11.1).
 */

export interface MediaType {
  readonly type: string;
  readonly parameters: Readonly<Record<string, string>>;
}

/** `Application/JSON ; Charset="UTF-8"` → { type: 'application/json', parameters: { charset: 'UTF-8' } }. */
export function parseMediaType(value: string | undefined): MediaType | undefined {
  if (value === undefined) return undefined;
  const [type = '', ...rest] = value.split(';');
  const parameters: Record<string, string> = {};
  for (const part of rest) {
    const at = part.indexOf('=');
    if (at < 0) continue;
    const name = part.slice(0, at).trim().toLowerCase();
    const raw = part.slice(at + 1).trim();
    parameters[name] = raw.startsWith('"') && raw.endsWith('"') && raw.length >= 2 ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
  }
  return { type: type.trim().toLowerCase(), parameters };
}

/** Why a Content-Type is not JSON in UTF-8, or undefined when it is. */
export function jsonMediaTypeProblem(value: string | undefined): string | undefined {
  const media = parseMediaType(value);
  if (!media || media.type !== 'application/json') return `wrong content type: expected application/json, got ${value ?? 'none'}`;
  const charset = media.parameters.charset;
  if (charset !== undefined && !/^utf-?8$/i.test(charset)) return `wrong charset: JSON is UTF-8 (RFC 8259), got charset=${charset}`;
  return undefined;
}

const PCHAR_RAW = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})*$/;

/**
 * The data a raw path segment carries, or why it cannot be one segment: characters outside
 * `pchar` (a space, a non-ASCII character, a lone `%`) must be percent-encoded.
 */
export function decodeSegment(raw: string): { value: string } | { problem: string } {
  if (!PCHAR_RAW.test(raw)) {
    const bad = [...raw].find((c, i) => !PCHAR_RAW.test(c) && !(c === '%' && /^%[0-9A-Fa-f]{2}/.test(raw.slice(i))));
    return { problem: `${JSON.stringify(bad ?? raw)} is not allowed raw in a path segment` };
  }
  try {
    return { value: decodeURIComponent(raw) };
  } catch {
    return { problem: `${JSON.stringify(raw)} does not percent-decode to UTF-8` };
  }
}

/** The token of a `Bearer` credential, whatever the scheme's case; undefined for another scheme. */
export function bearerToken(value: string | undefined): string | undefined {
  const match = /^bearer +(\S+) *$/i.exec(value ?? '');
  return match?.[1];
}
