/**
 * Bad adapter modules for `destconf check-client`: each must end with exit 2 and a one-line reason
 * (or, for clients that misbehave at call time, with failed scenarios and exit 1), never a crash.
 */
export interface AdapterCase {
  readonly name: string;
  readonly file: string;
  readonly source: string | Uint8Array;
  readonly exit: 1 | 2;
  readonly reason: RegExp;
}

const reference = (path: string) => `import reference from ${JSON.stringify(path)};`;

export function adapterCases(referenceAdapter: string): AdapterCase[] {
  const bad = (name: string, source: string | Uint8Array, reason: RegExp, file = 'adapter.mjs'): AdapterCase => ({ name, file, source, exit: 2, reason });
  const misbehaving = (name: string, client: string, reason: RegExp): AdapterCase => ({
    name,
    file: 'adapter.mjs',
    source: `export default { redox: () => ({ updateDestination: ${client} }) };`,
    exit: 1,
    reason,
  });
  return [
    bad('a syntax error', 'export default {', /cannot load adapter/),
    bad('an unterminated string', 'export default { redox: "x };', /cannot load adapter/),
    bad('CommonJS in an .mjs file', 'module.exports = {};', /cannot load adapter|no default export/),
    bad('an import of a missing module', "import x from './missing.mjs'; export default { redox: x };", /cannot load adapter/),
    bad('an import of a missing package', "import x from 'no-such-package-destconf'; export default { redox: x };", /cannot load adapter/),
    bad('a module that throws an Error at import', "throw new Error('boom at import');", /cannot load adapter .*boom at import/),
    bad('a module that throws a string', "throw 'plain string';", /cannot load adapter .*plain string/),
    bad('a module that throws null', 'throw null;', /cannot load adapter/),
    bad('a module that throws an object', 'throw { code: 42 };', /cannot load adapter/),
    bad('no default export', 'export const redox = () => ({});', /no default export/),
    bad('an export getter that throws', "const m = {}; Object.defineProperty(m, 'redox', { enumerable: true, get() { throw new Error('getter boom'); } }); export default m;", /cannot load adapter .*: reading its exports threw Error: getter boom\n?$/),
    bad('an empty module', '', /no default export/),
    bad('a comment-only module', '// nothing here\n', /no default export/),
    bad('default null', 'export default null;', /got null/),
    bad('default 42', 'export default 42;', /got number/),
    bad('default string', "export default 'redox';", /got string/),
    bad('default true', 'export default true;', /got boolean/),
    bad('default array', 'export default [];', /got an array/),
    bad('default function', 'export default () => ({});', /got function/),
    bad('default class', 'export default class Adapter {};', /got function/),
    bad('default promise', 'export default Promise.resolve({});', /provides no vendor|unknown vendor/),
    bad('default bigint', 'export default 10n;', /got bigint/),
    bad('default symbol', "export default Symbol('x');", /got symbol/),
    bad('an empty object', 'export default {};', /provides no vendor/),
    bad('an unknown vendor', 'export default { fivetran: () => ({}) };', /unknown vendor "fivetran"/),
    bad('a constructor key', 'export default { constructor: () => ({}) };', /unknown vendor "constructor"/),
    bad('a prototype key', 'export default { prototype: () => ({}) };', /unknown vendor "prototype"/),
    bad('a __proto__ literal (sets the prototype, names no vendor)', 'export default { __proto__: { redox: 1 } };', /provides no vendor/),
    bad('a factory that is a number', 'export default { redox: 1 };', /redox must be a factory function/),
    bad('a factory that is an object', 'export default { redox: { updateDestination() {} } };', /redox must be a factory function/),
    bad('a factory that is null', 'export default { redox: null };', /redox must be a factory function/),
    bad('a factory that throws an Error', "export default { redox: () => { throw new Error('no config'); } };", /the redox factory threw: no config/),
    bad('a factory that throws a string', "export default { redox: () => { throw 'nope'; } };", /the redox factory threw: nope/),
    bad('a factory that returns null', 'export default { redox: () => null };', /must return an object with an updateDestination function/),
    bad('a factory that returns a number', 'export default { redox: () => 7 };', /must return an object with an updateDestination function/),
    bad('a factory whose client has no function', 'export default { redox: () => ({ updateDestination: 1 }) };', /must return an object with an updateDestination function/),
    bad('a factory that returns a promise', 'export default { redox: async () => ({ updateDestination: async () => ({}) }) };', /must return an object with an updateDestination function/),
    bad('binary garbage', Uint8Array.from([0x00, 0xff, 0xfe, 0x01, 0x02]), /cannot load adapter/),
    bad('a JSON file', '{"redox": 1}', /must be an ES module/, 'adapter.json'),
    bad('a text file', 'export default {}', /must be an ES module/, 'adapter.txt'),
    bad('a TypeScript syntax error', 'export default { redox: (: number) => 1 };', /cannot load adapter/, 'adapter.ts'),
    bad('a vendor factory for a vendor key with different case', `${reference(referenceAdapter)} export default { Redox: reference.redox };`, /unknown vendor "Redox"/),
    misbehaving('a client that throws synchronously', "() => { throw new Error('sync failure'); }", /errors swallowed|rejected|did not|resolve|does not match/),
    misbehaving('a client that returns undefined (no promise)', '() => undefined', /resolved|did not|does not match|errors swallowed/),
    misbehaving('a client that rejects with a string', "() => Promise.reject('nope')", /rejected|status|does not match/),
    misbehaving('a client that never settles', '() => new Promise(() => {})', /did not settle/),
    misbehaving('a client that calls a closed port', "() => fetch('http://127.0.0.1:9/').then((r) => r.json())", /rejected|did not|does not match|no request/),
    misbehaving('a client that resolves with a circular object', '() => { const o = {}; o.self = o; return Promise.resolve(o); }', /changed or unwrapped|resolve|errors swallowed|does not match/),
  ];
}
