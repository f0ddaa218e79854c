/**
 * Mutant clients: the reference client with one deliberate deviation each, written to a temporary
 * folder as a user's adapter would be.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './cli.js';

const REFERENCE = join(ROOT, 'examples/reference-client');

/** Writes the reference client with `from` replaced by `to` (which must occur; then `more` applied) and returns its adapter path. */
export function mutantAdapter(name: string, from: string, to: string, more: (source: string) => string = (s) => s): string {
  const source = readFileSync(join(REFERENCE, 'client.mjs'), 'utf8');
  if (!source.includes(from)) throw new Error(`mutant ${name}: "${from}" is not in the reference client`);
  const dir = mkdtempSync(join(tmpdir(), `destconf-mutant-${name}-`));
  writeFileSync(join(dir, 'client.mjs'), more(source.split(from).join(to)));
  copyFileSync(join(REFERENCE, 'adapter.mjs'), join(dir, 'adapter.mjs'));
  return join(dir, 'adapter.mjs');
}

export function adapterWithSource(name: string, source: string, extension = 'mjs'): string {
  const dir = mkdtempSync(join(tmpdir(), `destconf-adapter-${name}-`));
  const path = join(dir, `adapter.${extension}`);
  writeFileSync(path, source);
  return path;
}
