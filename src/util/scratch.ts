/**
 * Scratch folders a run makes (pacts being built, the verifier's results) are gone when the run ends, however
 * it ends: normally, by an error, by an interrupt. A run that is killed outright (SIGKILL, a lost machine) cannot
 * clean up, so each folder carries the pid of the run that made it, and the next run that makes one beside it
 * removes those whose run no longer exists.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { onInterrupt } from './interrupt.js';

export interface ScratchDir {
  readonly path: string;
  /** Removes the folder now (idempotent); it is removed at exit otherwise. */
  remove(): void;
}

export function makeScratchDir(parent: string, prefix: string): ScratchDir {
  mkdirSync(parent, { recursive: true });
  removeAbandoned(parent, prefix);
  const path = mkdtempSync(join(parent, `${prefix}${process.pid}-`));
  const removeNow = (): void => rmSync(path, { recursive: true, force: true });
  const remove = (): void => {
    stopOnInterrupt();
    process.off('exit', removeNow);
    removeNow();
  };
  // An interrupt removes the folder at once and again at exit: work still under way while the clean-up runs (the
  // Pact core writing a pact file, which makes its folder) can make it again in between.
  const stopOnInterrupt = onInterrupt(removeNow);
  process.on('exit', removeNow);
  return { path, remove };
}

/** Removes the folders `prefix` names in `parent` whose run no longer exists (a process this one killed, say). */
export function removeAbandoned(parent: string, prefix: string): void {
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return;
  }
  for (const name of names) {
    const owner = name.startsWith(prefix) ? /^(\d+)-/.exec(name.slice(prefix.length)) : null;
    if (owner && !isRunning(Number(owner[1]))) rmSync(join(parent, name), { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
