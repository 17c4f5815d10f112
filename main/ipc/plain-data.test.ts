import { describe, expect, it } from 'vitest';
import { firstNonPlain, isPlainObject } from './plain-data';

describe('firstNonPlain', () => {
  it('accepts JSON-like data, including null-prototype objects', () => {
    expect(firstNonPlain({ a: [1, 'x', null, { b: true }], c: Object.create(null) })).toBeUndefined();
    expect(firstNonPlain('x')).toBeUndefined();
  });

  it('names the path of a Set, Map, Date, RegExp or typed array at any depth', () => {
    expect(firstNonPlain({ edit: { tags: new Set([1]) } })).toEqual(['edit', 'tags']);
    expect(firstNonPlain({ a: [0, new Map()] })).toEqual(['a', '1']);
    expect(firstNonPlain({ d: new Date(0) })).toEqual(['d']);
    expect(firstNonPlain({ r: /x/ })).toEqual(['r']);
    expect(firstNonPlain({ u: new Uint8Array(2) })).toEqual(['u']);
  });

  it('refuses nesting deeper than any request needs', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 40; i++) deep = { x: deep };
    expect(firstNonPlain(deep)).toBeDefined();
  });

  it('isPlainObject refuses arrays and class instances', () => {
    expect(isPlainObject([])).toBe(false);
    expect(isPlainObject(new Date())).toBe(false);
    expect(isPlainObject({})).toBe(true);
  });
});
