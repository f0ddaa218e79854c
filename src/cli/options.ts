import { InvalidArgumentError, Option } from 'commander';
import { UsageError } from '../util/errors.js';
import type { Catalogue } from '../vendors/catalogue.js';

/** `--vendor`, one of the run's vendors (built in, or from DESTCONF_VENDORS). */
export function vendorOption(catalogue: Catalogue, description = 'only this vendor'): Option {
  return new Option('--vendor <vendor>', description).choices(catalogue.ids);
}

export function jsonOption(): Option {
  return new Option('--json', 'print machine-readable JSON on stdout');
}

/** Timers hold at most 2^31-1 ms; a larger timeout would fire at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;
/** --runs / FC_NUM_RUNS: beyond this a run cannot finish in a working day (a generated input is a request or more). */
export const MAX_RUNS = 10_000;

export function positiveInteger(name: string, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    if (!/^\d+$/.test(value) || Number(value) <= 0) throw new InvalidArgumentError(`${name} must be a positive integer`);
    if (Number(value) > max) throw new InvalidArgumentError(`${name} must be at most ${max}`);
    return Number(value);
  };
}

/** A fast-check seed: any integer from 0 (0 is a seed like any other). */
export function seedOption(name = '--seed') {
  return (value: string): number => {
    if (!/^\d+$/.test(value) || Number(value) > 2 ** 31 - 1) throw new InvalidArgumentError(`${name} must be an integer from 0 to 2147483647`);
    return Number(value);
  };
}

/**
 * An http(s) base URL given on the command line, without a trailing slash. Credentials in it are
 * refused (they belong in the environment), and so are a query and a fragment.
 */
export function parseBaseUrl(flag: string, value: string, credentialsHint: string): string {
  // The URL parser trims and percent-encodes what a paste brought along; the request would then go elsewhere.
  if (/[\s\u0000-\u001f\u007f]/u.test(value)) throw new UsageError(`${flag} holds whitespace or a control character: ${JSON.stringify(value)}`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${flag} is not a URL: ${value}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`${flag} must be http or https, got ${url.protocol}`);
  if (url.username || url.password) throw new UsageError(`${flag} must not hold credentials; use ${credentialsHint}`);
  if (url.search || url.hash) throw new UsageError(`${flag} takes an origin and optional path prefix, without query or fragment`);
  return value.replace(/\/+$/, '');
}

/** `--only` that selected nothing ran nothing: a typo in CI is a usage error, never a green build. */
export function nothingSelected(command: string, only: string): UsageError {
  return new UsageError(`--only ${JSON.stringify(only)} matches no check of ${command}, so nothing was run (a check is kept when its name contains the pattern, any case; --verbose on a full run lists the names)`);
}

/**
 * A name the broker puts in a URL path (a version, branch, tag, pacticipant or environment): one segment.
 * `.` and `..` would be removed as dot-segments (RFC 3986 §5.2.4) and address another resource; a control
 * character or surrounding whitespace is no one's version, and would break the terminal and the broker's URLs.
 */
export function brokerName(flag: string) {
  return (value: string): string => {
    if (value.trim() === '') throw new InvalidArgumentError(`${flag} is empty`);
    if (value.trim() !== value) throw new InvalidArgumentError(`${flag} ${JSON.stringify(value)} has surrounding whitespace`);
    if (/[\u0000-\u001f\u007f]/.test(value)) throw new InvalidArgumentError(`${flag} ${JSON.stringify(value)} holds a control character`);
    if (value === '.' || value === '..') throw new InvalidArgumentError(`${flag} ${JSON.stringify(value)} is a dot-segment: it cannot name one resource in a URL path (RFC 3986 §5.2.4)`);
    return value;
  };
}
