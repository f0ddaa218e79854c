import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkSync } from 'recheck';
import { describe, expect, it } from 'vitest';
import { wholeValuePattern } from '../src/contracts/matchers.js';
import { formatRegExp } from '../src/schemas/format-patterns.js';
import { ROOT } from './helpers/cli.js';

function patternsIn(node: unknown, at: string, found: [string, string][]): [string, string][] {
  if (Array.isArray(node)) node.forEach((item, i) => patternsIn(item, `${at}/${i}`, found));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'pattern' && typeof value === 'string') found.push([at, value]);
      else patternsIn(value, `${at}/${key}`, found);
    }
  }
  return found;
}

const schemaPatterns = readdirSync(join(ROOT, 'schemas')).flatMap((vendor) =>
  readdirSync(join(ROOT, 'schemas', vendor)).flatMap((file) => patternsIn(JSON.parse(readFileSync(join(ROOT, 'schemas', vendor, file), 'utf8')), `${vendor}/${file}#`, [])),
);

describe('regular expressions are safe from catastrophic backtracking (recheck)', () => {
  it('finds the schema patterns', () => {
    expect(schemaPatterns.length).toBeGreaterThanOrEqual(8);
  });
  it.each(schemaPatterns)('%s: %s', (_where, pattern) => {
    expect(checkSync(pattern, '').status).toBe('safe');
  });
  it.each([...['date-time', 'iso-date-time', 'uuid'].map((f) => formatRegExp(f)!.source), wholeValuePattern('^[Hh][Tt][Tt][Pp][Ss]://'), '^Bearer \\S+$', '^application/json(;.*)?$'])('pact matcher %s', (pattern) => {
    expect(checkSync(pattern, '').status).toBe('safe');
  });
  it('would catch a vulnerable pattern', () => {
    expect(checkSync('^(a|a)*$', '').status).toBe('vulnerable');
    expect(checkSync('^([a-z]+)+@', '').status).toBe('vulnerable');
  });
});
