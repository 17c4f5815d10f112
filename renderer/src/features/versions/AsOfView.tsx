/**
 * The folder as it was at an instant, in place of the live table: a banner that says so (read-only; write
 * commands are disabled by the registry), then each sub-folder and each file's version of that moment.
 * Folders open into the same moment; Back to now returns to the live folder.
 */
import { useStore } from 'zustand';
import { basename, s3Uri } from '../../../../shared/keys';
import { formatExactBytes, formatIsoDate, formatSize } from '../../lib/format';
import { ErrorText } from './ErrorText';
import type { RecoveryStore } from './recovery-store';

export function AsOfBanner({ store, onRestore }: { readonly store: RecoveryStore; readonly onRestore: () => void }) {
  const asOf = useStore(store, (s) => s.asOf);
  if (!asOf) return null;
  return (
    <div className="as-of-banner" role="status" data-testid="as-of-banner">
      <span>
        Viewing <b>{s3Uri(asOf.place.bucket, asOf.place.prefix)}</b> as it was on <b data-testid="as-of-time">{formatIsoDate(asOf.at)}</b> · read-only
      </span>
      <span className="status-spacer" />
      <button type="button" onClick={onRestore} data-testid="as-of-restore">
        Restore folder to this time…
      </button>
      <button type="button" onClick={() => store.getState().backToNow()} data-testid="as-of-back">
        Back to now
      </button>
    </div>
  );
}

export interface AsOfTableProps {
  readonly store: RecoveryStore;
  readonly onOpenFolder: (key: string) => void;
  /** Queue the version shown for download (null: it is still the current one); absent without transfers. */
  readonly onDownload?: (key: string, versionId: string | null) => void;
}

export function AsOfTable({ store, onOpenFolder, onDownload }: AsOfTableProps) {
  const asOf = useStore(store, (s) => s.asOf);
  if (!asOf) return null;
  if (asOf.status === 'error' && asOf.error) return <ErrorText error={asOf.error} testId="as-of-error" />;
  if (asOf.status !== 'ready') return <p className="as-of-loading">Reading this folder’s versions…</p>;
  if (asOf.entries.length === 0) return <p className="as-of-loading" data-testid="as-of-empty">This folder held nothing at that moment.</p>;
  return (
    <div className="as-of-table-wrap">
      <table className="versions-table as-of-table" data-testid="as-of-table">
        <thead>
          <tr>
            <th>Name</th>
            <th>Size</th>
            <th>Version of</th>
            <th>Since then</th>
            {onDownload ? <th aria-label="Actions" /> : null}
          </tr>
        </thead>
        <tbody>
          {asOf.entries.map((e) => (
            <tr key={e.key} data-testid="as-of-row" data-key={e.key} data-changed={e.changedSince ? '' : undefined}>
              <td>
                {e.kind === 'folder' ? (
                  <button type="button" className="link-button" onClick={() => onOpenFolder(e.key)} data-testid="as-of-folder">
                    {basename(e.key)}/
                  </button>
                ) : (
                  basename(e.key)
                )}
              </td>
              <td title={e.version ? formatExactBytes(e.version.size) : undefined}>{e.version ? formatSize(e.version.size) : '—'}</td>
              <td>{e.version ? formatIsoDate(e.version.lastModified) : ''}</td>
              <td>{e.kind === 'folder' ? '' : e.changedSince ? 'changed or deleted' : 'unchanged'}</td>
              {onDownload ? (
                <td className="version-actions">
                  {e.version ? (
                    <button
                      type="button"
                      title={e.version.isLatest ? 'Download the current version' : 'Download this version, saved as “name (version <date>)”'}
                      onClick={() => e.version && onDownload(e.key, e.version.isLatest ? null : e.version.versionId)}
                      data-testid="as-of-download"
                    >
                      Download
                    </button>
                  ) : null}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
