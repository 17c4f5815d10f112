import { formatExactBytes, formatSize, plural } from '../../lib/format';
import type { ViewStats } from './browser-store';
import type { FolderSummary } from './selectors';

export interface StatusBarProps {
  readonly summary: FolderSummary | null;
  readonly loadingMore: boolean;
  readonly pages: number;
  readonly visibleCount: number | null;
  readonly stats: ViewStats;
}

/** Counts and sizes of the folder, the selection, and this view's S3 requests against cache hits. */
export function StatusBar({ summary, loadingMore, pages, visibleCount, stats }: StatusBarProps) {
  return (
    <footer className="status-bar" data-testid="status-bar">
      {summary ? (
        <>
          <span data-testid="status-counts">
            {plural(summary.folders, 'folder')}, {plural(summary.files, 'file')}
          </span>
          <span title={formatExactBytes(summary.totalBytes)} data-testid="status-total">
            {formatSize(summary.totalBytes)}
          </span>
          {visibleCount !== null && visibleCount !== summary.folders + summary.files ? (
            <span data-testid="status-filtered">{plural(visibleCount, 'match', 'matches')}</span>
          ) : null}
          {summary.selectedCount > 0 ? (
            <span title={formatExactBytes(summary.selectedBytes)} data-testid="status-selected">
              {summary.selectedCount} selected ({formatSize(summary.selectedBytes)})
            </span>
          ) : null}
        </>
      ) : null}
      {loadingMore ? (
        <span className="loading-more" role="status" data-testid="loading-more">
          <span className="spinner" aria-hidden="true" /> Loading more… ({plural(pages, 'page')} so far)
        </span>
      ) : null}
      <span className="status-spacer" />
      <span title="S3 requests this view sent, and answers served from S3 Desk's cache instead" data-testid="status-requests">
        S3 requests: <b data-testid="status-request-count">{stats.requests}</b> · cache hits:{' '}
        <b data-testid="status-cache-hits">{stats.cacheHits}</b>
      </span>
    </footer>
  );
}
