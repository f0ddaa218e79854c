/**
 * Loading a client adapter (DESIGN.md, "Client adapter"): an ES module whose default export maps
 * vendor ids to client factories. Every way it can be unusable is a one-line UsageError (exit 2).
 */
import { existsSync, statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ClientFactory } from '../contracts/client.js';
import { UsageError } from '../util/errors.js';
import { firstLine } from '../util/json-input.js';
import type { Catalogue } from '../vendors/catalogue.js';
import type { VendorId } from '../vendors/types.js';

const EXTENSIONS = new Set(['.mjs', '.js', '.ts', '.mts']);

export async function loadAdapter(catalogue: Catalogue, file: string, shown = file): Promise<Map<VendorId, ClientFactory>> {
  const path = shown;
  const absolute = resolve(file);
  if (!existsSync(absolute)) throw new UsageError(`adapter not found: ${path}`);
  if (statSync(absolute).isDirectory()) throw new UsageError(`adapter ${path} is a directory; give the module file`);
  const extension = extname(absolute);
  if (!EXTENSIONS.has(extension)) throw new UsageError(`adapter ${path} must be an ES module (.mjs, .js or .ts), got "${extension || 'no extension'}"`);
  const module = await importModule(absolute, path);
  const exported = unwrapInterop(module.default);
  if (exported === undefined) throw new UsageError(`adapter ${path} has no default export (expected an object mapping vendor ids to client factories)`);
  if (exported === null || typeof exported !== 'object' || Array.isArray(exported)) {
    throw new UsageError(`adapter ${path}: the default export must be an object mapping vendor ids to client factories, got ${exported === null ? 'null' : Array.isArray(exported) ? 'an array' : typeof exported}`);
  }
  const factories = new Map<VendorId, ClientFactory>();
  for (const [key, factory] of Object.entries(exported as Record<string, unknown>)) {
    if (!catalogue.has(key)) throw new UsageError(`adapter ${path}: unknown vendor "${key}" (expected ${catalogue.ids.join(', ')})`);
    if (typeof factory !== 'function') throw new UsageError(`adapter ${path}: ${key} must be a factory function, got ${typeof factory}`);
    factories.set(key, factory as ClientFactory);
  }
  if (factories.size === 0) throw new UsageError(`adapter ${path} provides no vendor`);
  return factories;
}

/**
 * A .ts adapter outside a `"type": "module"` package is compiled as CommonJS, so its default
 * export arrives wrapped once more (`{ default: … }`): unwrap that layer.
 */
function unwrapInterop(exported: unknown): unknown {
  if (exported === null || typeof exported !== 'object') return exported;
  const keys = Object.keys(exported);
  const wrapper = keys.includes('default') && keys.every((k) => k === 'default' || k === '__esModule' || k === 'module.exports');
  return wrapper ? (exported as { default: unknown }).default : exported;
}

async function importModule(absolute: string, shown: string): Promise<{ default?: unknown }> {
  try {
    if (absolute.endsWith('.ts') || absolute.endsWith('.mts')) {
      const { tsImport } = await import('tsx/esm/api');
      return (await tsImport(pathToFileURL(absolute).href, import.meta.url)) as { default?: unknown };
    }
    return (await import(pathToFileURL(absolute).href)) as { default?: unknown };
  } catch (error) {
    throw new UsageError(`cannot load adapter ${shown}: ${firstLine(error instanceof Error ? error.message : String(error))}`);
  }
}

/**
 * Calls each factory once, as the suite will, so that a factory that throws or builds no client is
 * an adapter error (exit 2) rather than a row of failed scenarios.
 */
export function preflight(path: string, vendor: VendorId, factory: ClientFactory, credentials: Record<string, string>, mask: (text: string) => string): void {
  let client: unknown;
  try {
    client = factory({ baseUrl: 'http://127.0.0.1:9', credentials });
  } catch (error) {
    throw new UsageError(mask(`adapter ${path}: the ${vendor} factory threw: ${firstLine(error instanceof Error ? error.message : String(error))}`));
  }
  if (!client || typeof (client as { updateDestination?: unknown }).updateDestination !== 'function') {
    throw new UsageError(`adapter ${path}: the ${vendor} factory must return an object with an updateDestination function`);
  }
}
