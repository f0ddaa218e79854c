/**
 * Repeated names in JSON objects. RFC 8259 §4: "The names within an object SHOULD be unique", and
 * when they are not, "the behavior of software that receives such an object is unpredictable":
 * JSON.parse (and most parsers) keep the last value, others keep the first. So a document with a
 * repeated name has two readings, and a rule must hold under both.
 */

export interface RepeatedName {
  /** The JSON pointer of the object that holds the name twice ('' for the top level). */
  readonly pointer: string;
  readonly name: string;
}

type Container = Record<string, unknown> | unknown[];
interface Frame {
  readonly value: Container;
  readonly pointer: string;
  /** The names of an object seen so far (undefined for an array). */
  readonly names?: Set<string>;
  /** An object's name waiting for its value. */
  name?: string;
  expectName: boolean;
}

const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const escapeToken = (name: string) => name.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * The document as a parser that keeps the first of repeated names reads it, and every name that
 * repeats. `text` must be valid JSON (parsed already). Iterative, so deep nesting cannot overflow
 * the stack; own properties are defined, so a `__proto__` name stays data, as with JSON.parse.
 */
export function firstWinsReading(text: string): { readonly value: unknown; readonly repeated: readonly RepeatedName[] } {
  const stack: Frame[] = [];
  const repeated: RepeatedName[] = [];
  let root: unknown;
  const pointerOfNext = (): string => {
    const top = stack.at(-1);
    if (!top) return '';
    return `${top.pointer}/${Array.isArray(top.value) ? top.value.length : escapeToken(top.name ?? '')}`;
  };
  const place = (value: unknown) => {
    const top = stack.at(-1);
    if (!top) {
      root = value;
    } else if (Array.isArray(top.value)) {
      top.value.push(value);
    } else {
      const name = top.name!;
      top.name = undefined;
      if (top.names!.has(name)) repeated.push({ pointer: top.pointer, name });
      else {
        top.names!.add(name);
        Object.defineProperty(top.value, name, { value, enumerable: true, writable: true, configurable: true });
      }
    }
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      const string = JSON.parse(text.slice(i, end + 1)) as string;
      i = end;
      const top = stack.at(-1);
      if (top?.expectName) {
        top.name = string;
        top.expectName = false;
      } else place(string);
    } else if (c === '{' || c === '[') {
      const value: Container = c === '{' ? {} : [];
      const pointer = pointerOfNext();
      place(value);
      stack.push({ value, pointer, ...(c === '{' ? { names: new Set<string>() } : {}), expectName: c === '{' });
    } else if (c === '}' || c === ']') {
      stack.pop();
    } else if (c === ',') {
      const top = stack.at(-1);
      if (top && !Array.isArray(top.value)) top.expectName = true;
    } else if (c === 't' || c === 'f' || c === 'n') {
      place(c === 't' ? true : c === 'f' ? false : null);
      i += c === 'f' ? 4 : 3;
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      NUMBER.lastIndex = i;
      const token = NUMBER.exec(text)![0];
      place(Number(token));
      i += token.length - 1;
    }
    // white space and ':' carry nothing
  }
  return { value: root, repeated };
}
