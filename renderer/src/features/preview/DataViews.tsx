import { useEffect, useRef } from 'react';
import type { ParquetPreview, ZipListing } from '../../../../shared/preview';
import { formatSize } from '../../lib/format';

/** Parquet: schema, row count, row groups and the first rows, all from range reads in main. */
export function ParquetView({ value }: { readonly value: ParquetPreview }) {
  return (
    <div className="pv-data" data-testid="preview-parquet">
      <p className="pv-note" data-testid="preview-parquet-summary">
        {value.rowCount.toLocaleString()} rows in {value.rowGroupCount} row groups · {value.columns.length} columns{value.createdBy ? ` · ${value.createdBy}` : ''}
      </p>
      <details>
        <summary>Schema</summary>
        <ul>
          {value.columns.map((c) => (
            <li key={c.name}>
              <code>{c.name}</code> {c.type}
              {c.optional ? ' (optional)' : ''}
            </li>
          ))}
        </ul>
      </details>
      <details>
        <summary>Row groups</summary>
        <ol>
          {value.rowGroups.map((g, i) => (
            <li key={i}>
              {g.rows.toLocaleString()} rows, {formatSize(g.bytes)}
            </li>
          ))}
        </ol>
      </details>
      {value.rowsProblem ? <p className="pv-problem">{value.rowsProblem}</p> : null}
      <table className="pv-grid">
        <thead>
          <tr>
            {value.header.map((h) => (
              <th key={h}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {value.rows.map((r, i) => (
            <tr key={i} data-testid="preview-parquet-row">
              {r.map((c, j) => (
                <td key={j}>{c ?? <em>null</em>}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A ZIP's file list from its central directory. */
export function ZipView({ value }: { readonly value: ZipListing }) {
  return (
    <div className="pv-data" data-testid="preview-zip">
      <p className="pv-note">
        {value.entryCount.toLocaleString()} entries{value.entries.length < value.entryCount ? ` (first ${value.entries.length} listed)` : ''}
      </p>
      <table className="pv-grid">
        <thead>
          <tr>
            <th>Name</th>
            <th>Size</th>
            <th>Packed</th>
            <th>Modified</th>
          </tr>
        </thead>
        <tbody>
          {value.entries.map((e) => (
            <tr key={e.name} data-testid="preview-zip-entry">
              <td>{e.name}</td>
              <td>{e.folder ? '' : formatSize(e.size)}</td>
              <td>{e.folder ? '' : formatSize(e.compressedSize)}</td>
              <td>{e.modified ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Audio/video from the media scheme: the player seeks by Range requests; a failure mid-stream shows here. */
export function MediaView({ url, video, onError }: { readonly url: string; readonly video: boolean; onError(message: string): void }) {
  const ref = useRef<HTMLMediaElement | null>(null);
  // A native listener, and a look at `error` once mounted: when the viewer chunk loads lazily, the element can
  // fail before React's onError is wired, and a failure nobody hears leaves a blank player.
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const fail = () => onError(el.error?.message || 'the stream failed (server error or unsupported format)');
    if (el.error) fail();
    el.addEventListener('error', fail);
    return () => el.removeEventListener('error', fail);
  }, [url, onError]);
  return video ? (
    <video ref={(el) => void (ref.current = el)} className="pv-media" src={url} controls data-testid="preview-video" />
  ) : (
    <audio ref={(el) => void (ref.current = el)} className="pv-media" src={url} controls data-testid="preview-audio" />
  );
}
