import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { firstWinsReading } from '../src/util/json-names.js';

describe('firstWinsReading: a JSON document as parsers that keep the first of repeated names read it', () => {
  test.prop([fc.json({ depthSize: 'medium' })])('without repeated names it reads what JSON.parse reads', (text) => {
    const { value, repeated } = firstWinsReading(text);
    expect(repeated).toEqual([]);
    expect(value).toStrictEqual(JSON.parse(text));
  });

  it('keeps the first value of a repeated name and says where it repeats', () => {
    const { value, repeated } = firstWinsReading('{"a":1,"b":{"c/d":[{"x":"one"},{"x":"first","x":"last"}],"c/d":0},"a":2}');
    expect(value).toStrictEqual({ a: 1, b: { 'c/d': [{ x: 'one' }, { x: 'first' }] } });
    expect(repeated).toEqual([{ pointer: '/b/c~1d/1', name: 'x' }, { pointer: '/b', name: 'c/d' }, { pointer: '', name: 'a' }]);
  });

  it('keeps __proto__ as data, as JSON.parse does', () => {
    const { value } = firstWinsReading('{"__proto__":{"polluted":true}}');
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value as object)).toEqual(['__proto__']);
  });

  it('reads escapes, numbers and literals as JSON.parse does, and nesting deeper than the stack', () => {
    const text = '{"s":"a\\"b\\\\\\u00e9","n":[-0.5e-3,12,1E2,true,false,null]}';
    expect(firstWinsReading(text).value).toStrictEqual(JSON.parse(text));
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(firstWinsReading(deep).repeated).toEqual([]);
  });
});
