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
  /** For no-cycles: the modules of the cycle, in order. */
  readonly cycle?: readonly { readonly name: string }[];
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

/** A copy of the tree with lines appended to files (each break touches other files: one copy, one run, holds them all). */
function brokenCopy(breaks: Readonly<Record<string, string>>): string {
  const dir = mkdtempSync(join(tmpdir(), 'destconf-import-graph-'));
  copies.push(dir);
  for (const entry of [...LAYERS, 'tsconfig.json', 'package.json', '.dependency-cruiser.cjs']) cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  for (const [file, line] of Object.entries(breaks)) appendFileSync(join(dir, file), `\n${line}\n`);
  return dir;
}

describe('the import graph', () => {
  it('keeps its layers: no cycle, the catalogue only at the top, vendor folders independent', async () => {
    const found = await violations(ROOT);
    expect(found.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`)).toEqual([]);
  });

  // One copy broken three ways, each in other files: every break must be caught as its own rule on its own edge.
  let brokenRun: Promise<Violation[]> | undefined;
  const broken = () => (brokenRun ??= violations(brokenCopy({
    'src/validate/index.ts': "import '../vendors/index.js';",
    'src/vendors/stitch/semantics.ts': "import '../redox/definition.js';\nimport '../../cli/options.js';",
    'suites/provider/common.ts': "import '../../src/vendors/prequel/definition.js';",
  })));
  const rulesOn = async (from: string, to: string) => [...new Set((await broken()).filter((v) => v.from === from && v.to === to).map((v) => v.rule.name))].sort();

  it('an engine that looks a vendor up in the catalogue is caught (and the cycle it closes)', async () => {
    expect(await rulesOn('src/validate/index.ts', 'src/vendors/index.ts')).toContain('catalogue-only-at-the-top');
    // The cycle it closes (validate -> catalogue -> a vendor -> validate) runs through that edge.
    const cycles = (await broken()).filter((v) => v.rule.name === 'no-cycles').map((v) => (v.cycle ?? []).map((step) => step.name));
    expect(cycles.some((cycle) => cycle.some((name, i) => name === 'src/validate/index.ts' && cycle[(i + 1) % cycle.length] === 'src/vendors/index.ts'))).toBe(true);
  });

  it('a vendor folder that imports another vendor, or the CLI, is caught', async () => {
    expect(await rulesOn('src/vendors/stitch/semantics.ts', 'src/vendors/redox/definition.ts')).toContain('vendor-folders-are-independent');
    expect(await rulesOn('src/vendors/stitch/semantics.ts', 'src/cli/options.ts')).toContain('vendor-folders-stay-below-the-roots');
  });

  it('an engine that names a vendor folder is caught', async () => {
    expect(await rulesOn('suites/provider/common.ts', 'src/vendors/prequel/definition.ts')).toEqual(['engines-name-no-vendor']);
  });
});
