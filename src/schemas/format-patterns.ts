/**
 * Pact regexes for the JSON Schema formats the schemas use, derived from ajv-formats itself so that
 * a pact matcher accepts what the schema's format accepts (RFC 3339 `t`/`z`, fractions, offsets),
 * never a second hand-written idea of it. Pact's core runs Rust regexes: the JavaScript `i` flag
 * becomes an inline `(?i)`.
 *
 * ajv-formats' fast regexes skip calendar checks (Feb 30), which the schema probe of `verify` still
 * applies; a pact may only be as strict as or looser than the schema, never stricter.
 */
import { fastFormats } from 'ajv-formats/dist/formats.js';

/**
 * The full `date-time` format of ajv-formats splits date and time at `t` or white space
 * (`/t|\s/i`), while its fast regex knows only `t`: widen the separator the same way.
 */
const FAST_NARROWER_THAN_FULL: Readonly<Record<string, (source: string) => string>> = {
  'date-time': (source) => replaceOnce(source, '\\dt(', '\\d[t\\s]('),
};

export function formatPattern(format: string): string | undefined {
  const definition = (fastFormats as Record<string, unknown>)[format];
  const regex = definition instanceof RegExp ? definition : (definition as { validate?: unknown } | undefined)?.validate;
  if (!(regex instanceof RegExp)) return undefined;
  const source = FAST_NARROWER_THAN_FULL[format]?.(regex.source) ?? regex.source;
  return `${regex.flags.includes('i') ? '(?i)' : ''}${source}`;
}

/** The same pattern as a JavaScript RegExp (tests compare it with the validators). */
export function formatRegExp(format: string): RegExp | undefined {
  const pattern = formatPattern(format);
  if (pattern === undefined) return undefined;
  return pattern.startsWith('(?i)') ? new RegExp(pattern.slice(4), 'i') : new RegExp(pattern);
}

function replaceOnce(source: string, from: string, to: string): string {
  if (!source.includes(from)) throw new Error(`ajv-formats changed its date-time regex: "${from}" not found in ${source}`);
  return source.replace(from, to);
}
