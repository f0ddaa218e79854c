import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeAbandoned } from '../../src/util/scratch.js';

/**
 * CLI tests run bin/destconf, which runs the bundle: rebuild it from the sources under test. Every
 * temporary file of the run (the tests', and the commands' they start) goes into one folder of its
 * own, removed at the end: `npm test` leaves nothing in the system temp directory.
 */
export default function setup(): () => void {
  // Each vitest project runs this: build and make the folder once.
  if (process.env.DESTCONF_TEST_TMPDIR) return () => undefined;
  // With --types: the package test packs dist/ as published, .d.ts files included. `npm test` (scripts/test.mjs)
  // builds before it starts vitest and the corpus, and says so.
  if (!process.env.DESTCONF_TEST_BUILT) execFileSync(process.execPath, ['scripts/build.mjs', '--types'], { stdio: 'inherit' });
  // A run that was killed (vitest runs no teardown on SIGTERM) left its folder: named after its process, it is
  // removed once that process is gone (as the CLI's own scratch folders are).
  removeAbandoned(tmpdir(), 'dct-');
  // Short: Chromium puts a socket in it, and socket paths are limited to about 100 bytes.
  const own = mkdtempSync(join(tmpdir(), `dct-${process.pid}-`));
  process.env.DESTCONF_TEST_TMPDIR = own;
  process.env.TMPDIR = own;
  return () => rmSync(own, { recursive: true, force: true });
}
