/**
 * Vendors from outside this package. `DESTCONF_VENDORS` names modules (file paths, separated by
 * the platform's path delimiter) whose default export is a VendorModule, written against the
 * library's exports (`import { defaultSandboxVendor, … } from 'destination-contracts'`). Every
 * command sees them as it sees the built-in vendors; child processes inherit the variable.
 */
import { existsSync } from 'node:fs';
import { delimiter, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError } from '../util/errors.js';
import { firstLine } from '../util/json-input.js';
import { registerVendor, VENDOR_MODULES } from './index.js';
import type { VendorModule } from './types.js';

export const VENDORS_VARIABLE = 'DESTCONF_VENDORS';

export async function loadVendorPlugins(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const entries = (env[VENDORS_VARIABLE] ?? '').split(delimiter).map((e) => e.trim()).filter(Boolean);
  for (const entry of entries) {
    const path = resolve(entry);
    if (!existsSync(path)) throw new UsageError(`${VENDORS_VARIABLE}: ${entry} does not exist`);
    let loaded: { default?: unknown };
    try {
      loaded = await importWhileWatched(pathToFileURL(path).href);
    } catch (error) {
      if (error instanceof UsageError) throw new UsageError(`${VENDORS_VARIABLE}: ${entry} ${error.message}`);
      throw new UsageError(`${VENDORS_VARIABLE}: ${entry} cannot be loaded: ${firstLine((error as Error)?.message ?? String(error))}`);
    }
    const module = loaded.default;
    // The same module named twice, or loaded again in one process, is registered once.
    if (VENDOR_MODULES.includes(module as VendorModule)) continue;
    const problem = shapeProblem(module);
    if (problem) throw new UsageError(`${VENDORS_VARIABLE}: ${entry}: the default export is not a vendor module (${problem})`);
    try {
      await registerVendor(module as VendorModule);
    } catch (error) {
      throw new UsageError(`${VENDORS_VARIABLE}: ${entry}: ${firstLine((error as Error).message)}`);
    }
  }
}

export const PLUGIN_LOAD_TIMEOUT_MS = 30_000;

/**
 * A vendor module is the user's code, run before any command: while it loads, ending the process is refused
 * (a `process.exit(0)` would be a green build that ran nothing), and loading must end. A top-level await that
 * never settles empties the event loop (Node would exit 13); one that keeps it busy is given up after
 * PLUGIN_LOAD_TIMEOUT_MS. Either way: a usage error, exit 2.
 */
async function importWhileWatched(url: string): Promise<{ default?: unknown }> {
  const exit = process.exit;
  let stalled: (() => void) | undefined;
  let timer: NodeJS.Timeout | undefined;
  const stall = new Promise<never>((_, reject) => {
    stalled = () => reject(new UsageError('never finished loading: its top-level await does not settle'));
    timer = setTimeout(() => reject(new UsageError(`did not finish loading within ${PLUGIN_LOAD_TIMEOUT_MS / 1000} s`)), PLUGIN_LOAD_TIMEOUT_MS).unref();
  });
  process.once('beforeExit', stalled!);
  process.exit = ((code?: number | string | null) => {
    throw new UsageError(`called process.exit(${code ?? ''}) while loading: a vendor module must not end the process`);
  }) as typeof process.exit;
  try {
    return (await Promise.race([import(url), stall])) as { default?: unknown };
  } finally {
    process.exit = exit;
    process.off('beforeExit', stalled!);
    clearTimeout(timer);
  }
}

/** What a default export lacks to be a VendorModule (the parts every engine relies on). */
function shapeProblem(module: unknown): string | undefined {
  if (typeof module !== 'object' || module === null) return 'no default export object';
  const m = module as Record<string, Record<string, unknown> | undefined>;
  const definition = m.definition;
  if (typeof definition !== 'object' || definition === null) return 'no definition';
  for (const key of ['id', 'title', 'method', 'pathTemplate', 'providerName', 'destinationPointer'] as const) {
    if (typeof definition[key] !== 'string') return `definition.${key} is not a string`;
  }
  const schemas = definition.schemas as Record<string, unknown> | undefined;
  for (const kind of ['request', 'response', 'path', 'headers']) {
    if (typeof schemas?.[kind] !== 'object' || typeof (schemas[kind] as { $id?: unknown }).$id !== 'string') return `definition.schemas.${kind} is not a schema with an $id`;
  }
  for (const fn of ['apply', 'stateOf', 'present'] as const) if (typeof m.semantics?.[fn] !== 'function') return `semantics.${fn} is not a function`;
  if (typeof m.sandbox?.authenticate !== 'function') return 'sandbox is not a sandbox vendor (use defaultSandboxVendor)';
  if (typeof m.contract !== 'function') return 'contract is not a function';
  if (typeof m.probes !== 'function') return 'probes is not a function';
  return undefined;
}
