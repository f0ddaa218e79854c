/**
 * The catalogue: the vendors one run knows, made once at the top (the CLI, the library's entry, the
 * conformance job) and handed to the engines, as ajv hands its vocabularies to the compiler. It names
 * no vendor: `./index.ts` holds the built-in ones, `./plugins.ts` adds those of DESTCONF_VENDORS.
 * Immutable: adding a vendor makes a new catalogue, so no engine sees a list change under it.
 */
import type { VendorDefinition, VendorId, VendorModule } from './types.js';

const ID_FORM = /^[a-z][a-z0-9-]*$/;

export class Catalogue {
  /** In report order: the built-in vendors first, then the added ones in the order they were added. */
  readonly modules: readonly VendorModule[];
  readonly definitions: readonly VendorDefinition[];
  readonly ids: readonly VendorId[];
  readonly #byId: ReadonlyMap<VendorId, VendorModule>;

  constructor(modules: readonly VendorModule[]) {
    const byId = new Map<VendorId, VendorModule>();
    for (const module of modules) {
      const id = module.definition?.id;
      // The id names CLI values, file names and environment variables: one form for all of them.
      if (typeof id !== 'string' || !ID_FORM.test(id)) throw new TypeError(`a vendor id must be lower-case letters, digits and dashes, got ${JSON.stringify(id)}`);
      if (byId.has(id)) throw new TypeError(`vendor ${id} is already registered`);
      byId.set(id, module);
    }
    this.#byId = byId;
    this.modules = Object.freeze([...modules]);
    this.definitions = Object.freeze(this.modules.map((m) => m.definition));
    this.ids = Object.freeze(this.definitions.map((d) => d.id));
  }

  has(id: string): id is VendorId {
    return this.#byId.has(id);
  }

  module(id: VendorId): VendorModule {
    const found = this.#byId.get(id);
    if (!found) throw new Error(`unknown vendor ${id}`);
    return found;
  }

  definition(id: VendorId): VendorDefinition {
    return this.module(id).definition;
  }

  /** A catalogue with `module` after these vendors (its id must be new). */
  with(module: VendorModule): Catalogue {
    return new Catalogue([...this.modules, module]);
  }
}
