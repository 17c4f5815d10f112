/** The storage map: a treemap of a folder's immediate parts by bytes; click a folder to drill down. */
import { useState } from 'react';
import type { FolderSize, SizesReport } from '../../../../shared/search';
import { formatSize } from '../../lib/format';
import { sizesCsv, squarify } from './treemap';

const CLASS_COLOURS: Record<string, string> = {
  STANDARD: '#4e79a7',
  STANDARD_IA: '#f28e2b',
  ONEZONE_IA: '#edc948',
  INTELLIGENT_TIERING: '#59a14f',
  GLACIER: '#76b7b2',
  GLACIER_IR: '#9c755f',
  DEEP_ARCHIVE: '#b07aa1',
};

/** The class holding most of a part's bytes. */
const mainClass = (p: FolderSize) => Object.entries(p.byClass).sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'STANDARD';

function colourOf(p: FolderSize, by: 'class' | 'age', now: number): string {
  if (by === 'class') return CLASS_COLOURS[mainClass(p)] ?? '#bab0ac';
  // Newer is lighter: a year or more before the index was taken is the darkest.
  const years = Math.min(1, Math.max(0, (now - p.newest) / (365 * 24 * 3600 * 1000)));
  return `hsl(210 60% ${Math.round(75 - years * 50)}%)`;
}

export function StorageMap({ report, onOpen }: { readonly report: SizesReport; readonly onOpen: (prefix: string) => void }) {
  const [colour, setColour] = useState<'class' | 'age'>('class');
  const W = 640;
  const H = 360;
  const tiles = squarify(report.parts, (p) => p.bytes, W, H);
  const exportCsv = () => {
    const url = URL.createObjectURL(new Blob([sizesCsv(report)], { type: 'text/csv' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `sizes-${report.prefix.replaceAll('/', '_') || 'bucket'}.csv`;
    a.click();
    URL.revokeObjectURL(url);
  };
  const parent = report.prefix === '' ? null : report.prefix.slice(0, report.prefix.slice(0, -1).lastIndexOf('/') + 1);
  return (
    <div className="storage-map" data-testid="storage-map" data-prefix={report.prefix}>
      <div className="storage-map-bar">
        {parent !== null && (
          <button type="button" onClick={() => onOpen(parent)} data-testid="storage-map-up">
            Up
          </button>
        )}
        <span data-testid="storage-map-total">
          {report.prefix || '(bucket)'}: {formatSize(report.total.bytes)} in {report.total.objects.toLocaleString()} objects
        </span>
        <label>
          Colour by{' '}
          <select value={colour} onChange={(e) => setColour(e.target.value as 'class' | 'age')}>
            <option value="class">storage class</option>
            <option value="age">age</option>
          </select>
        </label>
        <button type="button" onClick={exportCsv}>
          Export CSV
        </button>
      </div>
      <svg width={W} height={H} role="img" aria-label="storage map">
        {tiles.map((t) => {
          const folder = t.item.prefix !== report.prefix;
          const label = folder ? t.item.prefix.slice(report.prefix.length) : '(files here)';
          return (
            <g
              key={t.item.prefix}
              data-testid="storage-tile"
              data-prefix={t.item.prefix}
              onClick={folder ? () => onOpen(t.item.prefix) : undefined}
              style={{ cursor: folder ? 'pointer' : 'default' }}
            >
              <rect x={t.x} y={t.y} width={t.w} height={t.h} fill={colourOf(t.item, colour, report.indexedAt)} stroke="#fff" />
              <title>{`${label}: ${formatSize(t.item.bytes)}, ${t.item.objects} objects, mostly ${mainClass(t.item)}`}</title>
              {t.w > 60 && t.h > 18 && (
                <text x={t.x + 4} y={t.y + 14} fontSize={12} fill="#fff">
                  {label} {formatSize(t.item.bytes)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <table className="storage-table">
        <thead>
          <tr>
            <th>Folder</th>
            <th>Objects</th>
            <th>Bytes</th>
            <th>By class</th>
          </tr>
        </thead>
        <tbody>
          {report.parts.map((p) => (
            <tr key={p.prefix}>
              <td>{p.prefix === report.prefix ? '(files here)' : p.prefix.slice(report.prefix.length)}</td>
              <td>{p.objects.toLocaleString()}</td>
              <td>{formatSize(p.bytes)}</td>
              <td>{Object.entries(p.byClass).map(([c, b]) => `${c} ${formatSize(b)}`).join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
