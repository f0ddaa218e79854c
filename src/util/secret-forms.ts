/**
 * Every spelling of a secret that an answer, a log line or a report may carry: one list, used both
 * to hide secrets (the redactor) and to find them (the laws that say secrets never come back). The
 * knowledge that hides a secret is the knowledge that finds it.
 */

/** Whole-value spellings: as is, JSON-escaped (also `\uXXXX` and PHP's `\/`), JSON inside JSON, URL-encoded, base64 at any alignment, hex, reversed. */
export function spellingsOf(secret: string): readonly string[] {
  let forms = known.get(secret);
  if (!forms) {
    if (known.size > 10_000) known.clear();
    known.set(secret, (forms = computeSpellings(secret)));
  }
  return forms;
}

/** Each secret's spellings, computed once: every answer and every output line asks again. */
const known = new Map<string, readonly string[]>();

function computeSpellings(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  const forms = [
    secret,
    json,
    json.replace(/\//g, '\\/'),
    JSON.stringify(json).slice(1, -1),
    unicodeEscaped(secret, false),
    unicodeEscaped(secret, true),
    encodeURIComponent(secret),
    new URLSearchParams({ s: secret }).toString().slice(2),
    [...secret].reverse().join(''),
    // Short values would match noise in base64 and hex; real credentials are longer.
    ...(secret.length >= 8 ? [...base64Cores(secret), Buffer.from(secret).toString('hex'), Buffer.from(secret).toString('hex').toUpperCase()] : []),
  ];
  return [...new Set(forms.filter((f) => f.length >= 4))].sort((a, b) => b.length - a.length);
}

function unicodeEscaped(secret: string, upper: boolean): string {
  return [...secret].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')[upper ? 'toUpperCase' : 'toString']().replace(/\\U/g, '\\u');
}

/**
 * The part of a base64 text that encodes the secret whatever precedes it (`Bearer <token>`,
 * `user:password`): for each of the three byte alignments, the groups made of the secret's bytes only.
 * Standard and URL-safe alphabets.
 */
function base64Cores(secret: string): string[] {
  const bytes = Buffer.from(secret);
  const cores: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const padded = Buffer.concat([Buffer.alloc(shift), bytes]);
    const encoded = padded.toString('base64');
    const start = shift === 0 ? 0 : 4;
    const end = Math.floor(padded.length / 3) * 4;
    const core = encoded.slice(start, end);
    if (core.length >= 8) cores.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return cores;
}

/**
 * Where a text shows a secret: a whole-value spelling, a run of 8 of its characters (a partial
 * mask such as `****1a2b3c4d`), or its first or last 4 characters beside a mask (`abcd****`, `****3c4d`).
 * Returns how it shows, or undefined.
 */
export function secretIn(text: string, secret: string): string | undefined {
  for (const form of spellingsOf(secret)) {
    if (text.includes(form)) return form === secret ? 'the whole value' : 'the whole value, encoded';
  }
  // Partial forms scan the text once per window: kept to texts of a size real answers have.
  if (secret.length >= 12 && text.length <= PARTIAL_SCAN_LIMIT) {
    for (let i = 0; i + 8 <= secret.length; i++) if (text.includes(secret.slice(i, i + 8))) return 'part of the value';
    const [head, tail] = [escapeRegExp(secret.slice(0, 4)), escapeRegExp(secret.slice(-4))];
    // Bounded runs keep the search linear on large texts (a 5 MB body of one character).
    if (new RegExp(`[*•#]{3,16}[^\\w]?${tail}(?![\\w])|(?<![\\w])${head}[^\\w]?[*•#]{3}`).test(text)) return 'a partial mask';
  }
  return undefined;
}

/** Beyond this size (1 MiB) only whole-value spellings are searched: a partial mask lives in an answer of ordinary size. */
const PARTIAL_SCAN_LIMIT = 1024 * 1024;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
