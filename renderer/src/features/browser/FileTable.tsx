/**
 * The virtualized file table: only the rows in view (plus a few) exist in the DOM, so 100,000 rows scroll
 * like 100. Presentational: it gets rows, selection and callbacks, and owns nothing but scroll position.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { formatDate, formatExactBytes, formatIsoDate, formatSize } from '../../lib/format';
import type { Row, SortColumn, SortSpec } from '../../lib/rows';
import type { Modifiers, Selection } from '../../lib/selection';
import { modsOf, onCollectionKey } from './collection-keys';
import { EntryIcon } from './Icons';
import { restoreLabel } from '../../lib/restore-label';
import type { ObjectEntry } from '../../../../shared/types';

export const ROW_HEIGHT = 22;

export interface FileTableProps {
  /** The grid's accessible name, e.g. "Contents of s3://bucket/folder/". */
  readonly label: string;
  readonly rows: readonly Row[];
  readonly keys: readonly string[];
  readonly selection: Selection;
  readonly sort: SortSpec;
  readonly onSort: (column: SortColumn) => void;
  readonly onClick: (index: number, mods: Modifiers) => void;
  readonly onOpen: (key: string) => void;
  readonly onMove: (delta: number, mods: Modifiers) => void;
  readonly onToggleFocused: () => void;
  readonly onSelectAll: () => void;
  readonly onTypeChar: (char: string) => void;
  readonly onClearSelection: () => void;
}

const COLUMNS: ReadonlyArray<{ readonly column: SortColumn; readonly label: string; readonly className: string }> = [
  { column: 'name', label: 'Name', className: 'col-name' },
  { column: 'size', label: 'Size', className: 'col-size' },
  { column: 'modified', label: 'Last modified', className: 'col-modified' },
  { column: 'storageClass', label: 'Storage class', className: 'col-class' },
];

export function FileTable(props: FileTableProps) {
  const { rows, keys, selection, sort } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  // The React Compiler is not used; TanStack Virtual's non-memoizable API is fine under plain React.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });

  // The header sits outside the scroller; pad it by the scrollbar's width so the columns line up on every OS.
  const [gutter, setGutter] = useState(0);
  useLayoutEffect(() => {
    const body = scrollRef.current;
    if (!body) return;
    const measure = () => setGutter(body.offsetWidth - body.clientWidth);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(body);
    return () => observer.disconnect();
  }, []);

  // Keep the keyboard cursor in view when it moves (not when pages arrive: that would fight the user's
  // scrolling). Looked up by key because sorting moves rows.
  const keysRef = useRef(keys);
  keysRef.current = keys;
  useEffect(() => {
    const index = selection.focus === null ? -1 : keysRef.current.indexOf(selection.focus);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [selection.focus, virtualizer]);

  const pageRows = () => Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const page = pageRows();
    onCollectionKey(event, { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page }, keys.length, selection, props);
  }

  return (
    <div className="file-table" role="grid" aria-label={props.label} aria-rowcount={rows.length + 1} aria-multiselectable="true" data-testid="file-table">
      <div className="file-table-header" role="row" aria-rowindex={1} style={{ paddingRight: gutter }}>
        {COLUMNS.map(({ column, label, className }) => (
          <button
            key={column}
            type="button"
            role="columnheader"
            className={`cell ${className}`}
            aria-sort={sort.column === column ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
            data-testid={`sort-${column}`}
            onClick={() => props.onSort(column)}
          >
            {label}
            {sort.column === column ? <span className="sort-arrow">{sort.direction === 'asc' ? '▲' : '▼'}</span> : null}
          </button>
        ))}
      </div>
      {/* The focusable scroller is the grid's row group (a grid may hold only rows and row groups). */}
      <div ref={scrollRef} className="file-table-body" role="rowgroup" aria-label={props.label} tabIndex={0} onKeyDown={onKeyDown} data-testid="file-table-body">
        <div role="presentation" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index]!;
            const selected = selection.selected.has(row.key);
            const focused = selection.focus === row.key;
            const entry = row.entry;
            return (
              <div
                key={row.key}
                role="row"
                aria-selected={selected}
                aria-rowindex={item.index + 2}
                className={`file-row${selected ? ' selected' : ''}${focused ? ' focused' : ''}${row.deleted ? ' deleted' : ''}`}
                style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                data-testid="row"
                draggable
                data-key={row.key}
                data-kind={entry.kind}
                data-deleted={row.deleted ? '' : undefined}
                onMouseDown={(event) => {
                  if (event.shiftKey) event.preventDefault(); // no text selection on Shift+click
                }}
                onClick={(event) => props.onClick(item.index, modsOf(event))}
                onDoubleClick={() => props.onOpen(row.key)}
              >
                <span className="cell col-name" role="gridcell" title={entry.key}>
                  <EntryIcon entryKey={entry.key} />
                  <span className="name-text" data-testid="row-name">{entry.name}</span>
                  {row.deleted ? <span className="deleted-badge" data-testid="row-deleted">deleted</span> : null}
                </span>
                <span className="cell col-size" role="gridcell" title={entry.kind === 'object' ? formatExactBytes(entry.size) : 'Folder sizes are not listed: use Calculate size in Info'} data-testid="row-size">
                  {entry.kind === 'object' && !row.deleted ? formatSize(entry.size) : '—'}
                </span>
                <span className="cell col-modified" role="gridcell" title={entry.kind === 'object' ? formatIsoDate(entry.lastModified) : undefined}>
                  {entry.kind === 'object' ? formatDate(entry.lastModified) : ''}
                </span>
                <span className="cell col-class" role="gridcell">
                  {entry.kind === 'object' ? entry.storageClass : ''}
                  {entry.kind === 'object' ? <RestoreBadge restore={entry.restore} /> : null}
                </span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

/** An archived object's restore, beside its class (from the listing or a cached head; see main's browse). */
function RestoreBadge({ restore }: { restore: ObjectEntry['restore'] }) {
  const label = restoreLabel(restore);
  if (!label) return null;
  return (
    <span className="restore-badge" data-testid="row-restore" data-state={label.state} title={label.title}>
      {label.text}
    </span>
  );
}
