import { describe, expect, it } from 'vitest';
import { filledRows, nextRowId, rowProblems } from './name-value-rows';

const row = (name: string, value: string) => ({ id: nextRowId(), name, value });

describe('name/value rows', () => {
  it('keeps rows with a name or a value, and names nameless values and names given twice', () => {
    const rows = [row('a', '1'), row('', ''), row('', 'orphan'), row('a', '2'), row('b', '')];
    expect(filledRows(rows).map((r) => r.name)).toEqual(['a', '', 'a', 'b']);
    expect(rowProblems(rows, 'tag')).toEqual(['A tag value has no name.', 'The tag name "a" is given twice.']);
  });

  it('gives every row its own id', () => {
    expect(new Set([nextRowId(), nextRowId(), nextRowId()]).size).toBe(3);
  });
});
