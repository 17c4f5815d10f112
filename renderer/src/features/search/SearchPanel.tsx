/**
 * The search panel: scope, pattern and filters, the crawl that builds the index (progress, cancel), the
 * results table (sort, select, download, delete, Reveal), and the storage map. Presentational over the
 * search store; what Reveal/download/delete do is the caller's (the browser and operations features).
 */
import { useEffect, useMemo } from 'react';
import { useStore } from 'zustand';
import type { MatchMode } from '../../../../shared/search';
import { formatDate, formatSize } from '../../lib/format';
import { EntryIcon } from '../../ui/EntryIcon';
import { type HitSort, type Scope, type SearchStore, scopePrefix, sortedHits } from './search-store';
import { StorageMap } from './StorageMap';
import './search.css';

export interface SearchPanelProps {
  readonly store: SearchStore;
  readonly onReveal: (key: string) => void;
  readonly onDownload: (keys: readonly string[]) => void;
  readonly onDelete: (keys: readonly string[]) => void;
}

const COLUMNS: ReadonlyArray<[HitSort, string]> = [
  ['key', 'Key'],
  ['size', 'Size'],
  ['lastModified', 'Modified'],
  ['storageClass', 'Class'],
];

const mb = (text: string) => (text.trim() === '' ? undefined : Number(text) * 1024 * 1024);

export function SearchPanel({ store, onReveal, onDownload, onDelete }: SearchPanelProps) {
  const s = useStore(store);
  useEffect(() => store.getState().start(), [store]);
  const hits = useMemo(() => sortedHits(s.hits, s.sort), [s.hits, s.sort]);
  const selected = [...s.selected];
  const p = s.crawling?.progress ?? null;
  return (
    <div className="search-panel" data-testid="search-panel">
      <form
        className="search-form"
        onSubmit={(e) => {
          e.preventDefault();
          void s.search();
        }}
      >
        <select aria-label="Scope" data-testid="search-scope" value={s.scope} onChange={(e) => s.setScope(e.target.value as Scope)}>
          <option value="folder">This folder</option>
          <option value="below">This folder and below</option>
          <option value="bucket">Whole bucket</option>
        </select>
        <select aria-label="Match" value={s.mode} onChange={(e) => s.setMode(e.target.value as MatchMode)}>
          <option value="substring">Name contains</option>
          <option value="glob">Glob</option>
          <option value="regex">Regular expression</option>
        </select>
        <input data-testid="search-pattern" aria-label="Pattern" value={s.pattern} onChange={(e) => s.setPattern(e.target.value)} placeholder="report, **/*.parquet, ^logs/.*\.gz$" />
        <input aria-label="Minimum size (MB)" placeholder="min MB" size={6} onChange={(e) => s.setFilters({ ...s.filters, minSize: mb(e.target.value) })} />
        <input aria-label="Maximum size (MB)" placeholder="max MB" size={6} onChange={(e) => s.setFilters({ ...s.filters, maxSize: mb(e.target.value) })} />
        <input aria-label="Modified from" type="date" onChange={(e) => s.setFilters({ ...s.filters, modifiedFrom: e.target.value ? Date.parse(e.target.value) : undefined })} />
        <input aria-label="Modified to" type="date" onChange={(e) => s.setFilters({ ...s.filters, modifiedTo: e.target.value ? Date.parse(e.target.value) + 86_399_999 : undefined })} />
        <input aria-label="Storage class" placeholder="class" size={10} onChange={(e) => s.setFilters({ ...s.filters, storageClasses: e.target.value ? e.target.value.split(',').map((x) => x.trim().toUpperCase()) : undefined })} />
        <input aria-label="Extension" placeholder="ext" size={6} onChange={(e) => s.setFilters({ ...s.filters, extensions: e.target.value ? e.target.value.split(',').map((x) => x.trim()) : undefined })} />
        <button type="submit" data-testid="search-run">
          Search
        </button>
        <button type="button" data-testid="search-crawl" disabled={s.crawling !== null} onClick={() => void s.crawl()}>
          {s.index?.indexedAt ? 'Refresh index' : 'Index'}
        </button>
        <button type="button" data-testid="search-sizes" onClick={() => s.target && void s.loadSizes(scopePrefix(s.scope, s.target))}>
          Calculate size
        </button>
      </form>
      {s.index?.indexedAt && (
        <div className="search-index" data-testid="search-indexed-at">
          Index of {s.index.prefix || 'the whole bucket'}: {s.index.objects.toLocaleString()} objects, indexed at {formatDate(s.index.indexedAt)}
          {s.index.changesSince > 0 ? `, ${s.index.changesSince} changes made here since` : ''} — the bucket may have changed since.
          {s.lastCrawl && (
            <span data-testid="search-last-crawl">
              {' '}
              Last crawl: {s.lastCrawl.requests.toLocaleString()} requests in {s.lastCrawl.ranges} ranges
              {s.lastCrawl.keyRanges > 0 ? ` (${s.lastCrawl.keyRanges} by key)` : ''}, {s.lastCrawl.splitRequests} beyond one per 1,000 objects
              {s.lastCrawl.restarted ? '; the server lists keys out of byte order, so it was listed again in one range' : ''}.
            </span>
          )}
          {s.lastCrawl && s.lastCrawl.denied.length > 0 && <span data-testid="search-denied"> Not allowed to list: {s.lastCrawl.denied.join(', ')}</span>}
        </div>
      )}
      {s.crawling && (
        <div className="search-progress" data-testid="search-progress">
          Indexing: {(p?.objects ?? 0).toLocaleString()} objects, {p?.requests ?? 0} requests, {Math.round(p?.rate ?? 0).toLocaleString()}/s
          {p?.etaSeconds != null ? `, about ${Math.ceil(p.etaSeconds)} s left` : ''}, ranges {p?.rangesDone ?? 0}/{p?.ranges ?? 1}
          {p && p.extraRequests > 0 ? ` (${p.extraRequests} requests for splitting)` : ''}{' '}
          <button type="button" onClick={() => void s.cancelCrawl()}>
            Cancel
          </button>
        </div>
      )}
      {s.error && (
        <div className="search-error" role="alert" data-testid="search-error">
          <strong>{s.error.title}</strong> <pre>{s.error.message}</pre>
        </div>
      )}
      {s.sizes && <StorageMap report={s.sizes} onOpen={(prefix) => void s.loadSizes(prefix)} />}
      {s.tookMs !== null && (
        <div className="search-summary" data-testid="search-summary">
          {s.counted ? `${s.total.toLocaleString()} matches` : `${hits.length.toLocaleString()}+ matches, counting…`} ({s.tookMs.toFixed(1)} ms)
          {s.counted && s.total > hits.length ? `, first ${hits.length} shown` : ''}
          <button type="button" disabled={selected.length === 0} onClick={() => onDownload(selected)}>
            Download
          </button>
          <button type="button" disabled={selected.length === 0} onClick={() => onDelete(selected)}>
            Delete
          </button>
        </div>
      )}
      {hits.length > 0 && (
        <table className="search-results" data-testid="search-results">
          <thead>
            <tr>
              <th />
              {COLUMNS.map(([c, label]) => (
                <th key={c} onClick={() => s.setSort(c)} aria-sort={s.sort.column === c ? (s.sort.descending ? 'descending' : 'ascending') : 'none'}>
                  {label}
                </th>
              ))}
              <th />
            </tr>
          </thead>
          <tbody>
            {hits.map((h) => (
              <tr key={h.key} data-testid="search-hit" data-key={h.key}>
                <td>
                  <input type="checkbox" aria-label={`Select ${h.key}`} checked={s.selected.has(h.key)} onChange={() => s.toggle(h.key)} />
                </td>
                <td className="search-hit-key">
                  <EntryIcon entryKey={h.key} />
                  {h.key}
                </td>
                <td>{formatSize(h.size)}</td>
                <td>{formatDate(h.lastModified)}</td>
                <td>{h.storageClass}</td>
                <td>
                  <button type="button" data-testid="search-reveal" onClick={() => onReveal(h.key)}>
                    Reveal
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
