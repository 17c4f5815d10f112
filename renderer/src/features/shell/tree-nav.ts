/**
 * Keyboard model of the sidebar's trees (WAI-ARIA tree pattern), as pure functions: which row a key moves
 * focus to, and whether it expands, collapses or activates. The component only applies the answer.
 */
export interface TreeNode {
  readonly id: string;
  /** True when the node can have children (a connection), whether or not they are loaded. */
  readonly expandable: boolean;
  readonly children: readonly TreeNode[];
}

export interface VisibleRow {
  readonly id: string;
  readonly parent: string | null;
  readonly expandable: boolean;
  readonly level: number;
}

/** The rows a user can see, in order: children only under expanded nodes. */
export function visibleRows(nodes: readonly TreeNode[], expanded: ReadonlySet<string>, parent: string | null = null, level = 1): VisibleRow[] {
  const out: VisibleRow[] = [];
  for (const node of nodes) {
    out.push({ id: node.id, parent, expandable: node.expandable, level });
    if (node.expandable && expanded.has(node.id)) out.push(...visibleRows(node.children, expanded, node.id, level + 1));
  }
  return out;
}

export type TreeMove =
  | { readonly kind: 'focus'; readonly id: string }
  | { readonly kind: 'expand'; readonly id: string }
  | { readonly kind: 'collapse'; readonly id: string }
  | { readonly kind: 'activate'; readonly id: string };

/** What `key` does with focus on `focused`; null when the key is not the tree's. */
export function treeKey(rows: readonly VisibleRow[], focused: string, key: string, expanded: ReadonlySet<string>): TreeMove | null {
  const index = rows.findIndex((r) => r.id === focused);
  const row = rows[index];
  if (!row) return rows[0] ? { kind: 'focus', id: rows[0].id } : null;
  const at = (i: number): TreeMove | null => {
    const target = rows[i];
    return target ? { kind: 'focus', id: target.id } : null;
  };
  switch (key) {
    case 'ArrowDown':
      return at(index + 1);
    case 'ArrowUp':
      return at(index - 1);
    case 'Home':
      return at(0);
    case 'End':
      return at(rows.length - 1);
    case 'ArrowRight':
      if (!row.expandable) return null;
      if (!expanded.has(row.id)) return { kind: 'expand', id: row.id };
      return rows[index + 1]?.parent === row.id ? at(index + 1) : null;
    case 'ArrowLeft':
      if (row.expandable && expanded.has(row.id)) return { kind: 'collapse', id: row.id };
      return row.parent !== null ? { kind: 'focus', id: row.parent } : null;
    case 'Enter':
    case ' ':
      return { kind: 'activate', id: row.id };
    default:
      return null;
  }
}
