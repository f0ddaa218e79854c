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
  /** An object's name waiting for its value. */
  name?: string;
  expectName: boolean;
}

const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** The index of the quote that closes the string opening at `open` (a quote preceded by an odd run of backslashes is escaped). */
function closingQuote(text: string, open: number): number {
  let end = text.indexOf('"', open + 1);
  for (;;) {
    let backslashes = 0;
    while (text.charCodeAt(end - 1 - backslashes) === 92) backslashes++;
    if (backslashes % 2 === 0) return end;
    end = text.indexOf('"', end + 1);
  }
}
const escapeToken = (name: string) => name.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * The document as a parser that keeps the first of repeated names reads it, and every name that
 * repeats. `text` must be valid JSON (parsed already). Iterative, so deep nesting cannot overflow
 * the stack; a `__proto__` name is defined as an own property, so it stays data, as with JSON.parse.
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
      if (Object.hasOwn(top.value, name)) repeated.push({ pointer: top.pointer, name });
      else if (name === '__proto__') Object.defineProperty(top.value, name, { value, enumerable: true, writable: true, configurable: true });
      else top.value[name] = value;
    }
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      const end = closingQuote(text, i);
      // Only a string with an escape needs decoding (most need none: a slice is much faster).
      const raw = text.slice(i + 1, end);
      const string = raw.includes('\\') ? (JSON.parse(text.slice(i, end + 1)) as string) : raw;
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
      stack.push({ value, pointer, expectName: c === '{' });
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
