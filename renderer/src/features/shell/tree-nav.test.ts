import { describe, expect, it } from 'vitest';
import { treeKey, type TreeNode, visibleRows } from './tree-nav';

const leaf = (id: string): TreeNode => ({ id, expandable: false, children: [] });
const TREE: TreeNode[] = [
  { id: 'c1', expandable: true, children: [leaf('c1/a'), leaf('c1/b')] },
  { id: 'c2', expandable: true, children: [] },
  leaf('x'),
];

describe('visibleRows', () => {
  it('shows children only under expanded nodes, with levels and parents', () => {
    expect(visibleRows(TREE, new Set()).map((r) => r.id)).toEqual(['c1', 'c2', 'x']);
    const rows = visibleRows(TREE, new Set(['c1']));
    expect(rows.map((r) => `${r.id}@${r.level}<${r.parent ?? '-'}`)).toEqual(['c1@1<-', 'c1/a@2<c1', 'c1/b@2<c1', 'c2@1<-', 'x@1<-']);
  });
});

describe('treeKey', () => {
  const expanded = new Set(['c1']);
  const rows = visibleRows(TREE, expanded);
  it('moves up and down through visible rows and stops at the ends', () => {
    expect(treeKey(rows, 'c1', 'ArrowDown', expanded)).toEqual({ kind: 'focus', id: 'c1/a' });
    expect(treeKey(rows, 'c2', 'ArrowUp', expanded)).toEqual({ kind: 'focus', id: 'c1/b' });
    expect(treeKey(rows, 'x', 'ArrowDown', expanded)).toBeNull();
    expect(treeKey(rows, 'c1', 'ArrowUp', expanded)).toBeNull();
    expect(treeKey(rows, 'c1/b', 'Home', expanded)).toEqual({ kind: 'focus', id: 'c1' });
    expect(treeKey(rows, 'c1', 'End', expanded)).toEqual({ kind: 'focus', id: 'x' });
  });
  it('Right expands a closed node, then enters it; Left collapses, then goes to the parent', () => {
    expect(treeKey(rows, 'c2', 'ArrowRight', expanded)).toEqual({ kind: 'expand', id: 'c2' });
    expect(treeKey(rows, 'c1', 'ArrowRight', expanded)).toEqual({ kind: 'focus', id: 'c1/a' });
    expect(treeKey(rows, 'c1', 'ArrowLeft', expanded)).toEqual({ kind: 'collapse', id: 'c1' });
    expect(treeKey(rows, 'c1/b', 'ArrowLeft', expanded)).toEqual({ kind: 'focus', id: 'c1' });
    expect(treeKey(rows, 'x', 'ArrowRight', expanded)).toBeNull();
  });
  it('Enter activates; unknown keys are left alone; a lost focus goes to the first row', () => {
    expect(treeKey(rows, 'c1/a', 'Enter', expanded)).toEqual({ kind: 'activate', id: 'c1/a' });
    expect(treeKey(rows, 'c1/a', 'a', expanded)).toBeNull();
    expect(treeKey(rows, 'gone', 'ArrowDown', expanded)).toEqual({ kind: 'focus', id: 'c1' });
  });
});
