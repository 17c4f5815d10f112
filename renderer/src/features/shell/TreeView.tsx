/**
 * One sidebar tree (role="tree") with a roving tab stop: Tab enters at the focused row, arrows move (tree-nav.ts),
 * Enter opens, Delete removes where a row allows it. Rows are plain data; this only renders and applies keys.
 */
import { type ReactNode, useMemo, useRef, useState } from 'react';
import { treeKey, type TreeNode, visibleRows } from './tree-nav';

export interface SidebarNode extends TreeNode {
  readonly label: string;
  readonly icon: ReactNode;
  readonly title?: string;
  readonly testId: string;
  readonly data?: Readonly<Record<`data-${string}`, string>>;
  readonly children: readonly SidebarNode[];
  /** Shown under an expanded node with no children (loading…, no buckets, an error). */
  readonly emptyText?: string;
  readonly current?: boolean;
  onActivate(): void;
  onExpand?(): void;
  /** Delete key and the row's × button (bookmarks). */
  onRemove?(): void;
  readonly removeLabel?: string;
}

export interface TreeViewProps {
  readonly label: string;
  readonly testId: string;
  readonly nodes: readonly SidebarNode[];
}

function indexNodes(nodes: readonly SidebarNode[], into = new Map<string, SidebarNode>()): Map<string, SidebarNode> {
  for (const n of nodes) {
    into.set(n.id, n);
    indexNodes(n.children, into);
  }
  return into;
}

export function TreeView({ label, testId, nodes }: TreeViewProps) {
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [focused, setFocused] = useState<string | null>(null);
  const rowRefs = useRef(new Map<string, HTMLElement>());
  const byId = useMemo(() => indexNodes(nodes), [nodes]);
  const rows = useMemo(() => visibleRows(nodes, expanded), [nodes, expanded]);
  const tabStop = focused !== null && rows.some((r) => r.id === focused) ? focused : (rows[0]?.id ?? null);

  const expand = (id: string, open: boolean) => {
    const next = new Set(expanded);
    if (open) {
      next.add(id);
      byId.get(id)?.onExpand?.();
    } else next.delete(id);
    setExpanded(next);
  };
  const focusRow = (id: string) => {
    setFocused(id);
    rowRefs.current.get(id)?.focus();
  };

  const onKeyDown = (event: React.KeyboardEvent, id: string) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const node = byId.get(id);
    if ((event.key === 'Delete' || event.key === 'Backspace') && node?.onRemove) {
      event.preventDefault();
      event.stopPropagation(); // Backspace would also go up a folder in the browser
      const index = rows.findIndex((r) => r.id === id);
      node.onRemove();
      const neighbour = rows[index + 1] ?? rows[index - 1];
      if (neighbour) focusRow(neighbour.id);
      return;
    }
    const move = treeKey(rows, id, event.key, expanded);
    if (!move) return;
    event.preventDefault();
    event.stopPropagation();
    if (move.kind === 'focus') focusRow(move.id);
    else if (move.kind === 'expand') expand(move.id, true);
    else if (move.kind === 'collapse') expand(move.id, false);
    else byId.get(move.id)?.onActivate();
  };

  const renderNode = (node: SidebarNode, level: number): ReactNode => {
    const open = node.expandable && expanded.has(node.id);
    return (
      <li
        key={node.id}
        role="treeitem"
        aria-level={level}
        aria-expanded={node.expandable ? open : undefined}
        aria-current={node.current ? 'location' : undefined}
        aria-label={node.label}
        tabIndex={tabStop === node.id ? 0 : -1}
        ref={(el) => {
          if (el) rowRefs.current.set(node.id, el);
          else rowRefs.current.delete(node.id);
        }}
        className="tree-item"
        data-testid={node.testId}
        {...node.data}
        onKeyDown={(e) => {
          if (e.target === e.currentTarget) onKeyDown(e, node.id);
        }}
        onFocus={(e) => {
          if (e.target === e.currentTarget) setFocused(node.id);
        }}
      >
        <div
          className={`tree-row${node.current ? ' current' : ''}`}
          onClick={() => {
            focusRow(node.id);
            node.onActivate();
          }}
          style={{ paddingInlineStart: `${(level - 1) * 14 + 4}px` }}>
          {node.expandable ? (
            <span
              className="tree-twisty"
              aria-hidden="true"
              data-testid="tree-toggle"
              onClick={(e) => {
                e.stopPropagation();
                expand(node.id, !open);
              }}
            >
              <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" className={open ? 'open' : ''}>
                <path d="M6 4l4 4-4 4" />
              </svg>
            </span>
          ) : (
            <span className="tree-twisty" aria-hidden="true" />
          )}
          <span className="tree-label" title={node.title ?? node.label}>
            {node.icon}
            <span className="tree-text">{node.label}</span>
          </span>
          {node.onRemove ? (
            // Mouse only: the keyboard path is the Delete key on the focused row.
            <span
              className="tree-remove"
              aria-hidden="true"
              title={node.removeLabel ?? `Remove ${node.label}`}
              data-testid="tree-remove"
              onClick={(e) => {
                e.stopPropagation();
                node.onRemove?.();
              }}
            >
              <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
                <path d="M4 4l8 8M12 4l-8 8" />
              </svg>
            </span>
          ) : null}
        </div>
        {open ? (
          node.children.length > 0 ? (
            <ul role="group">{node.children.map((child) => renderNode(child, level + 1))}</ul>
          ) : (
            <div className="tree-empty" style={{ paddingInlineStart: `${level * 14 + 22}px` }}>
              {node.emptyText ?? 'Empty'}
            </div>
          )
        ) : null}
      </li>
    );
  };

  return (
    <ul role="tree" aria-label={label} className="tree" data-testid={testId}>
      {nodes.map((n) => renderNode(n, 1))}
    </ul>
  );
}
