import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type SchemaKind } from '../src/vendors/types.js';
import { ROOT } from './helpers/cli.js';
import { VENDOR_IDS, validate } from './helpers/vendors.js';

interface InvalidCase {
  name: string;
  kind: SchemaKind;
  pointer: string;
  /** `warning`: beyond the docs (an undocumented field or value): valid, with a warning there. */
  severity?: 'warning';
  document: unknown;
}

for (const vendor of VENDOR_IDS) {
  const cases = JSON.parse(readFileSync(join(ROOT, 'fixtures/invalid', `${vendor}.json`), 'utf8')) as InvalidCase[];

  describe(`${vendor} invalid fixtures`, () => {
    it('has at least 10 hand-written cases', () => {
      expect(cases.length).toBeGreaterThanOrEqual(10);
    });
    it('has errors and warnings among them', () => {
      expect(cases.filter((c) => c.severity !== 'warning').length).toBeGreaterThanOrEqual(5);
    });
    for (const c of cases) {
      it(`${c.name}: ${c.severity === 'warning' ? 'warns' : 'fails'} at ${c.pointer}`, () => {
        const result = validate(vendor, c.kind, c.document);
        const issues = c.severity === 'warning' ? result.warnings : result.errors;
        if (c.severity === 'warning') expect(result.errors).toEqual([]);
        expect(result.valid).toBe(c.severity === 'warning');
        expect(issues.map((e) => e.path)).toContain(c.pointer);
        const error = issues.find((e) => e.path === c.pointer)!;
        expect(error.message.startsWith(`${c.pointer}: `)).toBe(true);
        expect(error.doc.seed).toMatch(/^00\d_[0-9a-f]+\.txt$/);
      });
    }
  });
}
