/**
 * `x-documented-values`: a list of values a page introduces with "Allowed values include" (Ampersand's
 * updateMask). The list is not exhaustive, so a value outside it is beyond the docs, not against
 * them: validation reports it as a warning. The schema keeps the type (`string`) as the rule.
 */
import type { JsonSchema } from '../vendors/types.js';
import { isRecord, pointerJoin, resolve } from './walk.js';

export const DOCUMENTED_VALUES = 'x-documented-values';

export interface DocumentedValues {
  /** Property names and `*` for array items, from the document root. */
  readonly path: readonly string[];
  readonly values: readonly string[];
  readonly schemaPath: string;
  readonly field: string;
  readonly description?: string;
}

/** Every place in a schema that carries `x-documented-values` (through properties, items and local $refs). */
export function documentedValueSites(root: JsonSchema): DocumentedValues[] {
  const found: DocumentedValues[] = [];
  const walk = (node: JsonSchema, path: string[], schemaPath: string, parentDescription: string | undefined, depth: number): void => {
    if (depth > 16) return;
    const schema = resolve(root, node);
    const listed = schema[DOCUMENTED_VALUES];
    if (Array.isArray(listed)) {
      const description = typeof schema.description === 'string' ? schema.description : parentDescription;
      found.push({ path, values: listed.map(String), schemaPath: `${schemaPath}/${DOCUMENTED_VALUES}`, field: path.filter((p) => p !== '*').join('.'), ...(description ? { description } : {}) });
    }
    if (isRecord(schema.properties)) {
      for (const [key, child] of Object.entries(schema.properties)) {
        if (isRecord(child)) walk(child, [...path, key], `${schemaPath}/properties/${key}`, undefined, depth + 1);
      }
    }
    if (isRecord(schema.items)) walk(schema.items, [...path, '*'], `${schemaPath}/items`, typeof schema.description === 'string' ? schema.description : undefined, depth + 1);
  };
  walk(root, [], '#', undefined, 0);
  return found;
}

/** The values a document holds at a site's path, with their JSON pointers. */
export function valuesAtSite(document: unknown, path: readonly string[], pointer: string): { pointer: string; value: unknown }[] {
  const [head, ...rest] = path;
  if (head === undefined) return [{ pointer, value: document }];
  if (head === '*') return Array.isArray(document) ? document.flatMap((item, i) => valuesAtSite(item, rest, pointerJoin(pointer, i))) : [];
  return isRecord(document) && Object.hasOwn(document, head) ? valuesAtSite(document[head], rest, pointerJoin(pointer, head)) : [];
}
