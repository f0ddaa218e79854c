import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * CLI tests run bin/destconf, which runs the bundle: rebuild it from the sources under test. Every
 * temporary file of the run (the tests', and the commands' they start) goes into one folder of its
 * own, removed at the end: `npm test` leaves nothing in the system temp directory.
 */
export default function setup(): () => void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  const own = mkdtempSync(join(tmpdir(), 'destconf-test-run-'));
  process.env.TMPDIR = own;
  return () => rmSync(own, { recursive: true, force: true });
}
