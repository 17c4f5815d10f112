import type { ReactNode } from 'react';
import { formatExactBytes, formatSize, plural } from '../../lib/format';
import type { ViewStats } from './browser-store';
import type { FolderSummary } from './selectors';

export interface StatusBarProps {
  readonly summary: FolderSummary | null;
  readonly loadingMore: boolean;
  readonly pages: number;
  readonly visibleCount: number | null;
  readonly stats: ViewStats;
  /** Thumbnail GETs of the grid view for this folder; null in the table view. */
  readonly thumbnailRequests?: number | null;
  /** Buttons at the far end (Activity, Settings), from other features. */
  readonly end?: ReactNode;
}

/** A folder's size is not in its listing: selections with folders show "—" until Info calculates it. */
const FOLDER_SIZE_HINT = 'Folder sizes are not listed: use Calculate size in Info';

/**
 * The selection (or, without one, the folder's counts and size) first and strongest; S3 request counters at the
 * far end, and only while the "request metrics" setting is on (app.css hides them by <html data-request-metrics>).
 */
export function StatusBar({ summary, loadingMore, pages, visibleCount, stats, thumbnailRequests = null, end }: StatusBarProps) {
  return (
    <footer className="status-bar" data-testid="status-bar">
      {summary ? (
        <>
          {summary.selectedCount > 0 ? (
            <span
              className="status-primary"
              title={summary.selectedFolders > 0 ? FOLDER_SIZE_HINT : formatExactBytes(summary.selectedBytes)}
              data-testid="status-selected"
            >
              {summary.selectedCount} selected ({summary.selectedFolders > 0 ? '—' : formatSize(summary.selectedBytes)})
            </span>
          ) : null}
          <span className={summary.selectedCount > 0 ? undefined : 'status-primary'} data-testid="status-counts">
            {plural(summary.folders, 'folder')}, {plural(summary.files, 'file')}
          </span>
          <span title={formatExactBytes(summary.totalBytes)} data-testid="status-total">
            {formatSize(summary.totalBytes)}
            {summary.folders > 0 ? ' in files' : ''}
          </span>
          {visibleCount !== null && visibleCount !== summary.folders + summary.files ? (
            <span data-testid="status-filtered">{plural(visibleCount, 'match', 'matches')}</span>
          ) : null}
        </>
      ) : null}
      {loadingMore ? (
        <span className="loading-more" role="status" data-testid="loading-more">
          <span className="spinner" aria-hidden="true" /> Loading more… ({plural(pages, 'page')} so far)
        </span>
      ) : null}
      <span className="status-spacer" />
      {thumbnailRequests !== null ? (
        <span className="status-thumbnails" title="Thumbnail GETs the grid view sent for this folder" data-testid="status-thumbnails">
          Thumbnails: <b data-testid="status-thumbnail-count">{thumbnailRequests}</b>
        </span>
      ) : null}
      <span
        className="status-requests"
        title="S3 requests this view sent, and answers served from S3 Desk's cache instead"
        data-testid="status-requests"
      >
        S3 requests: <b data-testid="status-request-count">{stats.requests}</b> · cache hits:{' '}
        <b data-testid="status-cache-hits">{stats.cacheHits}</b>
      </span>
      {end}
    </footer>
  );
}
