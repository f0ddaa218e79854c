/**
 * A folder the user names for output (--reports, --out, --pact-out) is checked before the run, not after it:
 * a special file system (/proc, /sys, /dev) made writes spin and ignore signals, a read-only or unwritable
 * folder lost the whole run's results to "internal error: EROFS". One line, exit 2, nothing run.
 */
import { existsSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { UsageError } from './errors.js';

const SPECIAL = ['/proc', '/sys', '/dev'];

export function writableFolder(flag: string, path: string): string {
  const folder = resolve(path);
  const real = realpathSync(nearestExisting(folder));
  const special = SPECIAL.find((root) => real === root || real.startsWith(`${root}/`));
  if (special) throw new UsageError(`${flag}: ${path} is on the special file system ${special}, where files cannot be written: choose an ordinary folder`);
  // Nothing is created here: a run refused for another reason right after must leave no empty folder behind.
  // A folder yet to be made is judged by the nearest one that exists, where it would be made.
  const existing = nearestExisting(folder);
  try {
    if (!statSync(existing).isDirectory()) throw Object.assign(new Error(), { code: 'ENOTDIR' });
    const probe = join(existing, `.destconf-write-check-${process.pid}`);
    writeFileSync(probe, '');
    rmSync(probe, { force: true });
  } catch (error) {
    throw new UsageError(`${flag}: cannot write to ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return folder;
}

/** The temporary folder child processes and scratch folders use: checked once, before the run. */
export function writableTemp(): void {
  if (!existsSync(tmpdir())) throw new UsageError(`TMPDIR (${tmpdir()}) does not exist; set TMPDIR to a writable folder`);
  try {
    writableFolder('TMPDIR', tmpdir());
  } catch (error) {
    throw new UsageError(`${(error as Error).message.replace(/^TMPDIR: /, `TMPDIR (${tmpdir()}): `)}; set TMPDIR to a writable folder`);
  }
}

function nearestExisting(path: string): string {
  let at = path;
  while (!existsSync(at) && dirname(at) !== at) at = dirname(at);
  return at;
}
