/**
 * Bad documents for `destconf validate`: every case must end with exit 1 (invalid) or 2 (unusable
 * input, one line on stderr), never a crash, a stack trace or a polluted prototype.
 */
import type { VendorId } from '../../src/vendors/types.js';

export interface ValidateCase {
  readonly name: string;
  readonly vendor: VendorId;
  readonly kind?: 'request' | 'response' | 'path' | 'query';
  /** File content (text is written as UTF-8). */
  readonly content: string | Uint8Array;
  /** Allowed exit codes. */
  readonly exits: readonly number[];
  /** For exit 2: what the one-line reason must say. */
  readonly reason?: RegExp;
}

const VENDORS: readonly VendorId[] = ['streamkap', 'stitch', 'prequel', 'ampersand', 'redox'];
const vendorAt = (i: number) => VENDORS[i % VENDORS.length]!;

const MALFORMED = [
  '{', '}', '{"a":', '{"a":1,}', '{"a":1 "b":2}', "{'a':1}", '{a:1}', '{"a":1}}', '{"a":[1,2}', '{"a":"unterminated}',
  '{"a":"bad \\x escape"}', '{"a":"\\u12"}', '{"a":01}', '{"a":+1}', '{"a":.5}', '{"a":1.}', '{"a":0x1F}', '{"a":NaN}', '{"a":Infinity}', '{"a":-Infinity}',
  '{"a":undefined}', '{"a":True}', '{"a":nul}', '{"a":1} trailing', '{"a":1}{"b":2}', '// comment\n{"a":1}', '{"a":1 /* c */}', '{"a":"tab\there"}', '{"a":"line\nbreak"}', '{,}',
  '{"a"}', '{:1}', '{"a"::1}', '[', '[1,]', 'NaN', 'Infinity', 'undefined', '-', '"unterminated',
  '{"a":1,,"b":2}', '{"a":-}', '{"a":1e}', '{"a":1e+}', '{"a":--1}', '\u0000{}', '{"a":"\u0001"}', '{"\\uD800":1', '{"a":[[[[[]]]]}', 'nulls',
];

const NON_OBJECTS = ['[]', '[{}]', '1', '-1.5', '1e400', '"a string"', 'true', 'false', 'null', '""'];

const INVALID_UTF8: Uint8Array[] = [
  Uint8Array.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]),
  Uint8Array.from([0x7b, 0x22, 0xc3, 0x22, 0x3a, 0x31, 0x7d]),
  Uint8Array.from([0x7b, 0x22, 0xe2, 0x82, 0x22, 0x3a, 0x31, 0x7d]),
  Uint8Array.from([0x7b, 0x22, 0xc0, 0xaf, 0x22, 0x3a, 0x31, 0x7d]),
  Uint8Array.from([0x7b, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x3a, 0x31, 0x7d]),
  Uint8Array.from([0x7b, 0x22, 0x80, 0x22, 0x3a, 0x31, 0x7d]),
  Uint8Array.from([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]),
  Uint8Array.from([0xfe, 0xff, 0x00, 0x7b, 0x00, 0x7d]),
];

/** Documents that parse, with keys that would pollute a prototype if copied naively. */
const PROTOTYPE_KEYS = [
  '{"__proto__":{"polluted":"yes"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"prototype":{"polluted":"yes"}}',
  '{"name":"n","connector":"c","config":{"__proto__":{"polluted":"yes"}}}',
  '{"name":"n","connector":"c","config":{"constructor":{"prototype":{"polluted":"yes"}}}}',
  '{"type":"postgres","connection":{"__proto__":{"polluted":"yes"}}}',
  '{"destination":{"__proto__":{"polluted":"yes"}}}',
  '{"destination":{"postgres":{"__proto__":{"polluted":"yes"}}}}',
  '{"updateMask":["name"],"destination":{"metadata":{"headers":{"__proto__":"x"}}}}',
  '{"updateMask":["__proto__"],"destination":{"__proto__":{"polluted":"yes"}}}',
];

const HUGE_NUMBERS = [
  '{"destination":{"frequency_minutes":1e400}}',
  '{"destination":{"frequency_minutes":-1e400}}',
  '{"destination":{"frequency_minutes":123456789012345678901234567890}}',
  '{"destination":{"frequency_minutes":1.5}}',
  '{"destination":{"postgres":{"port":99999999999999999999}}}',
  '{"type":"postgres","connection":{"port":1e308}}',
  '{"type":"postgres","connection":{"port":-0.000001}}',
  '{"tasks":[1e400]}',
];

/** Strings, arrays and numbers where the schema wants an object, per vendor. */
const WRONG_SHAPES: [VendorId, string][] = [
  ['streamkap', '{"name":"n","connector":"c","config":"{}"}'], ['streamkap', '{"name":{},"connector":"c","config":{}}'], ['streamkap', '{"name":"n","connector":[],"config":{}}'],
  ['stitch', '{"type":"postgres","connection":"host=x"}'], ['stitch', '{"type":["postgres"],"connection":{}}'], ['stitch', '{"type":"postgres","connection":null}'],
  ['prequel', '{"destination":"postgres"}'], ['prequel', '{"destination":[]}'], ['prequel', '{"destination":{"postgres":"host"}}'], ['prequel', '{"destination":{"enabled_models":"all"}}'],
  ['ampersand', '{"updateMask":"name","destination":{}}'], ['ampersand', '{"updateMask":[],"destination":"x"}'], ['ampersand', '{"updateMask":[{}],"destination":{}}'], ['ampersand', '{"updateMask":[],"destination":{"metadata":[]}}'],
  ['redox', '{"name":["n"]}'], ['redox', '{"endpoint":{"url":"https://x"}}'], ['redox', '{"authCredential":42}'], ['redox', '{"verificationToken":{}}'],
];

const nested = (depth: number, open: string, close: string) => `${open.repeat(depth)}${close.repeat(depth)}`;

export function validateCases(): ValidateCase[] {
  const cases: ValidateCase[] = [];
  MALFORMED.forEach((content, i) => cases.push({ name: `malformed JSON #${i + 1}: ${JSON.stringify(content).slice(0, 30)}`, vendor: vendorAt(i), content, exits: [2], reason: /not valid JSON|holds only white space|is empty/ }));
  NON_OBJECTS.forEach((content, i) => cases.push({ name: `top level ${content}`, vendor: vendorAt(i), content, exits: [2], reason: /top-level JSON value must be an object/ }));
  INVALID_UTF8.forEach((content, i) => cases.push({ name: `invalid UTF-8 #${i + 1}`, vendor: vendorAt(i), content, exits: [2], reason: /not valid UTF-8/ }));
  for (const [i, vendor] of VENDORS.entries()) {
    cases.push({ name: `byte-order mark (${vendor})`, vendor, content: `\ufeff{"a":${i}}`, exits: [2], reason: /byte-order mark/ });
    cases.push({ name: `empty file (${vendor})`, vendor, content: '', exits: [2], reason: /is empty/ });
    cases.push({ name: `white space only (${vendor})`, vendor, content: ' \n\t\r\n ', exits: [2], reason: /white space/ });
    cases.push({ name: `10,000-deep arrays (${vendor})`, vendor, content: nested(10_000, '[', ']'), exits: [2], reason: /nests deeper/ });
    cases.push({ name: `10,000-deep objects (${vendor})`, vendor, content: `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`, exits: [2], reason: /nests deeper/ });
    cases.push({ name: `300-deep inside a valid key (${vendor})`, vendor, content: `{"deep":${nested(300, '[', ']')}}`, exits: [2], reason: /nests deeper/ });
    // An undocumented field is a warning (exit 0), unless the vendor requires fields (exit 1).
    cases.push({ name: `deep brackets inside a string are fine (${vendor})`, vendor, content: `{"s":"${'['.repeat(10_000)}"}`, exits: [0, 1] });
    for (const content of PROTOTYPE_KEYS) cases.push({ name: `prototype keys ${content.slice(0, 40)} (${vendor})`, vendor, content, exits: [0, 1] });
    for (const kind of ['response', 'path'] as const) {
      cases.push({ name: `prototype keys in a ${kind} (${vendor})`, vendor, kind, content: '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}', exits: [0, 1] });
    }
  }
  // Integers past 2^53 are still JSON integers (precision aside): the schemas may accept them.
  HUGE_NUMBERS.forEach((content, i) => cases.push({ name: `huge number #${i + 1}`, vendor: content.includes('destination') ? 'prequel' : content.includes('tasks') ? 'streamkap' : 'stitch', kind: content.includes('tasks') ? 'response' : 'request', content, exits: [0, 1] }));
  WRONG_SHAPES.forEach(([vendor, content], i) => cases.push({ name: `wrong shape #${i + 1} (${vendor})`, vendor, content, exits: [1] }));
  return cases;
}
