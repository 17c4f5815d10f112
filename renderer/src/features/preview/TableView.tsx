import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { TableData } from './table-data';
import { plural } from '../../lib/format';

const ROW = 24;

/** A virtualized table: 10,000 rows of a 256 KiB sample render only what is on screen. */
export function TableView({ table, note }: { readonly table: TableData; readonly note: string | null }) {
  const scroller = useRef<HTMLDivElement>(null);
  const rows = useVirtualizer({ count: table.rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW, overscan: 10 });
  const template = `repeat(${Math.max(1, table.columns.length)}, minmax(8em, 1fr))`;
  return (
    <div className="pv-table" data-testid="preview-table">
      <p className="pv-note">
        {plural(table.rows.length, 'row')}, {plural(table.columns.length, 'column')}{note ? ` · ${note}` : ''}
        {table.problems > 0 ? ` · ${plural(table.problems, 'line')} not read (${table.firstProblem})` : ''}
      </p>
      <div className="pv-row pv-head" style={{ gridTemplateColumns: template }} role="row">
        {table.columns.map((c) => (
          <span key={c.name} role="columnheader" data-testid="preview-column">
            {c.name} <small>{c.type}</small>
          </span>
        ))}
      </div>
      <div ref={scroller} className="pv-body" role="rowgroup">
        <div style={{ height: rows.getTotalSize(), position: 'relative' }}>
          {rows.getVirtualItems().map((v) => (
            <div key={v.index} className="pv-row" role="row" data-testid="preview-row" style={{ gridTemplateColumns: template, position: 'absolute', top: v.start, height: ROW, left: 0, right: 0 }}>
              {table.columns.map((c, i) => (
                <span key={c.name} role="cell">
                  {table.rows[v.index]?.[i] ?? ''}
                </span>
              ))}
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
