/**
 * The import graph keeps its layers (.dependency-cruiser.cjs, README "Layout"): no cycles, the catalogue
 * read only by the composition roots, vendor folders below the engines' helpers and independent of each
 * other. Checked on the tree with dependency-cruiser, and on copies of the tree broken one rule at a time
 * (the rules must catch what they forbid, not merely pass).
 */
import { execFile } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers/cli.js';

const DEPCRUISE = join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const LAYERS = ['src', 'suites', 'properties', 'contracts'];

interface Violation {
  readonly rule: { readonly name: string };
  readonly from: string;
  readonly to: string;
}

async function violations(root: string): Promise<Violation[]> {
  const { stdout } = await promisify(execFile)(process.execPath, [DEPCRUISE, ...LAYERS, '--config', '.dependency-cruiser.cjs', '--output-type', 'json'], { cwd: root, maxBuffer: 64 * 1024 * 1024 }).catch((error: { stdout?: string }) => {
    // depcruise exits non-zero when it finds violations; its report is still on stdout.
    if (error.stdout) return { stdout: error.stdout };
    throw error;
  });
  return (JSON.parse(stdout) as { summary: { violations: Violation[] } }).summary.violations;
}

const copies: string[] = [];
afterAll(() => copies.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A copy of the tree with `line` appended to `file`. */
function brokenCopy(file: string, line: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'destconf-import-graph-'));
  copies.push(dir);
  for (const entry of [...LAYERS, 'tsconfig.json', 'package.json', '.dependency-cruiser.cjs']) cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  appendFileSync(join(dir, file), `\n${line}\n`);
  return dir;
}

const rulesBroken = (found: readonly Violation[]) => [...new Set(found.map((v) => v.rule.name))].sort();

describe('the import graph', () => {
  it('keeps its layers: no cycle, the catalogue only at the top, vendor folders independent', async () => {
    const found = await violations(ROOT);
    expect(found.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`)).toEqual([]);
  });

  it.concurrent('an engine that looks a vendor up in the catalogue is caught (and the cycle it closes)', async () => {
    const found = await violations(brokenCopy('src/validate/index.ts', "import '../vendors/index.js';"));
    expect(rulesBroken(found)).toEqual(['catalogue-only-at-the-top', 'no-cycles']);
    expect(found.some((v) => v.from === 'src/validate/index.ts' && v.to === 'src/vendors/index.ts')).toBe(true);
  });

  it.concurrent('a vendor folder that imports another vendor, or the CLI, is caught', async () => {
    const found = await violations(brokenCopy('src/vendors/stitch/semantics.ts', "import '../redox/definition.js';\nimport '../../cli/options.js';"));
    expect(rulesBroken(found)).toEqual(expect.arrayContaining(['vendor-folders-are-independent', 'vendor-folders-stay-below-the-roots']));
  });

  it.concurrent('an engine that names a vendor folder is caught', async () => {
    const found = await violations(brokenCopy('suites/provider/common.ts', "import '../../src/vendors/prequel/definition.js';"));
    expect(rulesBroken(found)).toEqual(['engines-name-no-vendor']);
  });
});
