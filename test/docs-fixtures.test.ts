import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SchemaKind, VendorId } from '../src/vendors/types.js';
import { destconf, ROOT } from './helpers/cli.js';
import { validate } from './helpers/vendors.js';

interface DocFixture {
  file: string;
  vendor: VendorId;
  kind: SchemaKind;
  valid: boolean;
  reason?: string;
  pointers?: string[];
}

const DOCS = join(ROOT, 'fixtures/docs');
const manifest = JSON.parse(readFileSync(join(DOCS, 'manifest.json'), 'utf8')) as { fixtures: DocFixture[] };
const load = (file: string): unknown => JSON.parse(readFileSync(join(DOCS, file), 'utf8'));

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return jsonFiles(path);
    return name.endsWith('.json') && name !== 'manifest.json' ? [relative(DOCS, path)] : [];
  });
}

describe('doc examples', () => {
  it('lists every fixture file in the manifest', () => {
    expect(jsonFiles(DOCS).sort()).toEqual(manifest.fixtures.map((f) => f.file).sort());
  });

  it('covers a request and a response example of every vendor', () => {
    for (const vendor of ['streamkap', 'stitch', 'prequel', 'ampersand', 'redox']) {
      expect(manifest.fixtures.some((f) => f.vendor === vendor && f.file === `${vendor}/request.json`)).toBe(true);
      expect(manifest.fixtures.some((f) => f.vendor === vendor && f.file === `${vendor}/response.json`)).toBe(true);
    }
  });

  for (const fixture of manifest.fixtures) {
    if (fixture.valid) {
      it(`${fixture.file} is a valid ${fixture.vendor} ${fixture.kind}`, () => {
        expect(validate(fixture.vendor, fixture.kind, load(fixture.file)).errors).toEqual([]);
      });
    } else {
      it(`${fixture.file} is invalid only where the doc artifact is (${fixture.pointers?.join(', ')})`, () => {
        expect(fixture.reason, 'an invalid doc example needs its reason').toBeTruthy();
        const result = validate(fixture.vendor, fixture.kind, load(fixture.file));
        expect(result.valid).toBe(false);
        expect([...new Set(result.errors.map((e) => e.path))].sort()).toEqual([...(fixture.pointers ?? [])].sort());
      });
    }
  }

  it('holds all 21 Prequel blocks, one request each', () => {
    const blocks = manifest.fixtures.filter((f) => f.file.startsWith('prequel/per-block/'));
    expect(blocks).toHaveLength(21);
  });
});

describe('destconf validate on the doc examples', () => {
  for (const vendor of ['streamkap', 'stitch', 'prequel', 'ampersand', 'redox'] as const) {
    it(`exits as the manifest says for ${vendor}`, async () => {
      for (const fixture of manifest.fixtures.filter((f) => f.vendor === vendor && !f.file.includes('per-block'))) {
        const result = await destconf(['validate', '--vendor', vendor, '--kind', fixture.kind, join('fixtures/docs', fixture.file)]);
        expect(result.code, `${fixture.file}: ${result.stdout}${result.stderr}`).toBe(fixture.valid ? 0 : 1);
        expect(result.stderr).toBe('');
      }
    });
  }
});
