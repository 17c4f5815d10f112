/**
 * The optional grid view (Ctrl/Cmd+Shift+G): tiles for folders and files, virtualized by rows like the table so
 * only rows in view exist in the DOM. Image tiles ask the ThumbnailLoader for a thumbnail, but only for rows
 * actually inside the viewport (not the overscan rows): the GETs it costs never exceed the images on screen.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, useEffect, useLayoutEffect, useReducer, useRef, useState } from 'react';
import { formatSize } from '../../lib/format';
import type { Row } from '../../lib/rows';
import type { Modifiers, Selection } from '../../lib/selection';
import { isThumbnailCandidate, type ThumbnailLoader, visibleRowRange } from '../../lib/thumbnails';
import { modsOf, onCollectionKey } from './collection-keys';
import { EntryIcon } from './Icons';

export const TILE_WIDTH = 120;
export const TILE_HEIGHT = 128;

export interface GridViewProps {
  /** The grid's accessible name, e.g. "Contents of s3://bucket/folder/". */
  readonly label: string;
  readonly rows: readonly Row[];
  readonly keys: readonly string[];
  readonly selection: Selection;
  /** Null while thumbnails are off in Settings: tiles show type icons only. */
  readonly thumbnails: ThumbnailLoader | null;
  readonly onClick: (index: number, mods: Modifiers) => void;
  readonly onOpen: (key: string) => void;
  readonly onMove: (delta: number, mods: Modifiers) => void;
  readonly onSelectAll: () => void;
  readonly onClearSelection: () => void;
}

export function GridView(props: GridViewProps) {
  const { rows, keys, selection, thumbnails } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState({ width: 0, height: 0 });
  const [scrollTop, setScrollTop] = useState(0);
  const [, rerender] = useReducer((n: number) => n + 1, 0);

  useLayoutEffect(() => {
    const body = scrollRef.current;
    if (!body) return;
    const measure = () => setViewport({ width: body.clientWidth, height: body.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(body);
    return () => observer.disconnect();
  }, []);

  const columns = Math.max(1, Math.floor(viewport.width / TILE_WIDTH));
  const rowCount = Math.ceil(rows.length / columns);
  // eslint-disable-next-line react-hooks/incompatible-library -- plain React, no compiler (as in FileTable)
  const virtualizer = useVirtualizer({ count: rowCount, getScrollElement: () => scrollRef.current, estimateSize: () => TILE_HEIGHT, overscan: 2 });

  // Thumbnails for the image tiles inside the viewport only; re-render when one arrives.
  useEffect(() => (thumbnails ? thumbnails.subscribe(rerender) : undefined), [thumbnails]);
  useEffect(() => {
    if (!thumbnails) return;
    const range = visibleRowRange(scrollTop, viewport.height, TILE_HEIGHT, rowCount);
    const wanted: string[] = [];
    if (range) {
      for (let i = range.first * columns; i < Math.min(rows.length, (range.last + 1) * columns); i++) {
        if (isThumbnailCandidate(rows[i]!.entry)) wanted.push(rows[i]!.key);
      }
    }
    thumbnails.show(wanted);
  }, [thumbnails, scrollTop, viewport.height, rowCount, columns, rows]);

  const keysRef = useRef(keys);
  keysRef.current = keys;
  useEffect(() => {
    const index = selection.focus === null ? -1 : keysRef.current.indexOf(selection.focus);
    if (index >= 0) virtualizer.scrollToIndex(Math.floor(index / columns), { align: 'auto' });
  }, [selection.focus, virtualizer, columns]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    onCollectionKey(event, { ArrowRight: 1, ArrowLeft: -1, ArrowDown: columns, ArrowUp: -columns }, keys.length, selection, props);
  }

  return (
    <div
      ref={scrollRef}
      className="grid-view"
      role="grid"
      aria-label={props.label}
      aria-multiselectable="true"
      tabIndex={0}
      onKeyDown={onKeyDown}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      data-testid="grid-view"
    >
      <div role="presentation" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => (
          <div key={item.index} role="row" className="grid-row" style={{ transform: `translateY(${item.start}px)`, height: TILE_HEIGHT }}>
            {rows.slice(item.index * columns, (item.index + 1) * columns).map((row, column) => {
              const index = item.index * columns + column;
              const selected = selection.selected.has(row.key);
              const thumb = thumbnails?.get(row.key);
              const entry = row.entry;
              return (
                <div
                  key={row.key}
                  role="gridcell"
                  aria-selected={selected}
                  className={`grid-tile${selected ? ' selected' : ''}${selection.focus === row.key ? ' focused' : ''}`}
                  style={{ width: TILE_WIDTH }}
                  title={entry.key}
                  data-testid="grid-tile"
                  data-key={row.key}
                  data-thumb={thumb?.status}
                  onMouseDown={(event) => {
                    if (event.shiftKey) event.preventDefault();
                  }}
                  onClick={(event) => props.onClick(index, modsOf(event))}
                  onDoubleClick={() => props.onOpen(row.key)}
                >
                  <span className="grid-thumb">
                    {thumb?.status === 'ready' ? (
                      <img src={thumb.url} alt="" data-testid="grid-thumb-image" />
                    ) : (
                      <EntryIcon entryKey={entry.key} />
                    )}
                  </span>
                  <span className="grid-name">{entry.name}</span>
                  <span className="grid-size">{entry.kind === 'object' ? formatSize(entry.size) : ''}</span>
                </div>
              );
            })}
          </div>
        ))}
      </div>
    </div>
  );
}
