import { describe, expect, it } from 'vitest';
import { confirmTitle } from './confirm-title';

const del = (keys: string[]) => ({ kind: 'delete' as const, connectionId: 'c', bucket: 'b', keys });

describe('confirmTitle', () => {
  it('names the first selected item and counts the others and the objects', () => {
    expect(confirmTitle(del(['work/projects/', 'a.txt', 'b.txt', 'c/']), { objects: 4, bytes: 405, conflicts: [] })).toBe(
      'Delete “projects” and 3 other items (4 objects, 405 B)?',
    );
    expect(confirmTitle(del(['a.txt', 'b.txt']), { objects: 2, bytes: 2, conflicts: [] })).toBe('Delete “a.txt” and 1 other item (2 objects, 2 B)?');
    expect(confirmTitle(del(['d/keep.txt']), { objects: 1, bytes: 1, conflicts: [] })).toBe('Delete “keep.txt” (1 object, 1 B)?');
  });

  it('keeps copy and move as counts, with the overwrite warning', () => {
    const copy = { kind: 'copy' as const, source: { connectionId: 'c', bucket: 'b', keys: ['x'] }, target: { connectionId: 'c', bucket: 'b', prefix: 'y/' } };
    expect(confirmTitle(copy, { objects: 2, bytes: 13, conflicts: ['y/x'] })).toBe('Copy 2 objects (13 B), overwriting existing items?');
  });
});
