import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderGeneratedFiles } from '../scripts/codegen.js';
import { ROOT } from './helpers/cli.js';

describe('files generated from schemas/', () => {
  it('are up to date (run `npm run generate` after editing a schema)', async () => {
    const files = await renderGeneratedFiles();
    expect(files.size).toBeGreaterThan(20);
    for (const [path, content] of files) {
      expect(readFileSync(join(ROOT, path), 'utf8'), `${path} is stale: run npm run generate`).toBe(content);
    }
  }, 60_000);
});
