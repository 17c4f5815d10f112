import { describe, expect, it } from 'vitest';
import { guessType, parseDelimited, parseJsonLines } from './table-data';

describe('guessType', () => {
  it('takes the narrowest type all values fit, ignoring blanks', () => {
    expect(guessType(['1', '-2', ''])).toBe('integer');
    expect(guessType(['1', '2.5', '1e3'])).toBe('number');
    expect(guessType(['true', 'FALSE'])).toBe('boolean');
    expect(guessType(['2024-01-02', '2024-01-02T03:04:05Z'])).toBe('date');
    expect(guessType(['1', 'x'])).toBe('text');
    expect(guessType(['', ' '])).toBe('empty');
  });
});

describe('parseDelimited', () => {
  it('reads a header, quoted fields and types; drops a line cut by the 256 KiB end', () => {
    const t = parseDelimited('id,name,price\n1,"Smith, J",2.5\n2,Lee,3\n3,Cu', ',', false);
    expect(t.columns).toEqual([{ name: 'id', type: 'integer' }, { name: 'name', type: 'text' }, { name: 'price', type: 'number' }]);
    expect(t.rows).toEqual([['1', 'Smith, J', '2.5'], ['2', 'Lee', '3']]);
    expect(t.problems).toBe(0);
  });

  it('counts rows of the wrong width and a broken quote', () => {
    const t = parseDelimited('a\tb\n1\t2\n3\n', '\t', true);
    expect(t.problems).toBe(1);
    expect(t.firstProblem).toContain('2 fields');
    const q = parseDelimited('a,b\n"unclosed,1\n', ',', true);
    expect(q.problems).toBeGreaterThan(0);
  });
});

describe('parseJsonLines', () => {
  it('unions the keys in order of appearance, and names bad lines', () => {
    const t = parseJsonLines('{"a":1,"b":"x"}\n{"b":"y","c":true}\nnot json\n{"a":2', false);
    expect(t.columns.map((c) => c.name)).toEqual(['a', 'b', 'c']);
    expect(t.rows).toEqual([['1', 'x', ''], ['', 'y', 'true']]);
    expect(t.problems).toBe(1);
    expect(t.firstProblem).toMatch(/^line 3: /);
  });

  it('throws a clear error when nothing parses', () => {
    expect(() => parseJsonLines('garbage\nmore garbage\n', true)).toThrow(/^Not readable as JSON Lines: line 1/);
  });
});
