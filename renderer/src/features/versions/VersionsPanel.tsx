/**
 * Versions… of one file: every version and delete marker of that exact key, newest first, with size, date,
 * ETag, storage class and a "current" badge. Per version: Download and Preview (any version, by its id; an
 * old one lands as "name (version <date>).ext" through the transfer queue), Copy version id / URI, Restore as
 * current and Delete permanently, each confirmed in words that say what happens.
 */
import { useStore } from 'zustand';
import type { ObjectVersion } from '../../../../shared/versions';
import { formatExactBytes, formatIsoDate, formatSize } from '../../lib/format';
import { Modal, ModalTitle } from '../../ui/Modal';
import { ErrorText } from './ErrorText';
import { versionUri, type VersioningStore } from './versioning-store';

export interface VersionsPanelProps {
  readonly store: VersioningStore;
  /** Queue a version for download (null: the current one, under its own name); absent without transfers. */
  readonly onDownload?: (key: string, versionId: string | null) => void;
  /** Show a version in the preview pane's viewers (null: the current one); absent without the pane. */
  readonly onView?: (key: string, version: { readonly id: string; readonly label: string } | null) => void;
}

function Confirm({ store }: { readonly store: VersioningStore }) {
  const panel = useStore(store, (s) => s.panel);
  if (!panel?.confirm) return null;
  const a = store.getState();
  const { action, version } = panel.confirm;
  const when = formatIsoDate(version.lastModified);
  return (
    <div className="versions-confirm" role="alert" data-testid="versions-confirm" data-action={action}>
      <p>
        {action === 'restore'
          ? `Restore the version of ${when} (${formatSize(version.size)}) as the current version of ${panel.key}? S3 copies it onto the key as a new version; every existing version stays, nothing is deleted.`
          : `Delete the ${version.isDeleteMarker ? 'delete marker' : 'version'} of ${when} (id ${version.versionId}) permanently? This cannot be undone.${version.isLatest && !version.isDeleteMarker ? ' It is the current version: the one before it becomes current.' : ''}${version.isLatest && version.isDeleteMarker ? ' Removing the current delete marker undeletes the file.' : ''}`}
      </p>
      <div className="ops-buttons">
        <button type="button" onClick={a.cancelAsk} autoFocus data-testid="versions-confirm-cancel">
          Cancel
        </button>
        <button type="button" className={action === 'delete' ? 'danger' : ''} disabled={panel.busy} onClick={() => void a.confirmAsk()} data-testid="versions-confirm-ok">
          {action === 'restore' ? 'Restore as current' : 'Delete permanently'}
        </button>
      </div>
    </div>
  );
}

function VersionPreviewView({ store }: { readonly store: VersioningStore }) {
  const preview = useStore(store, (s) => s.panel?.preview ?? null);
  if (!preview) return null;
  const { version, status, value, error } = preview;
  return (
    <section className="version-preview" aria-label="Version preview" data-testid="version-preview-pane" data-version-id={version.versionId} data-status={status}>
      <header className="versions-header">
        <strong>
          Version of {formatIsoDate(version.lastModified)}
          {version.isLatest ? ' (current)' : ''}
        </strong>
        <button type="button" onClick={store.getState().closePreview} data-testid="version-preview-close">
          Close preview
        </button>
      </header>
      {status === 'loading' ? <p>Reading the first bytes…</p> : null}
      {error ? <ErrorText error={error} testId="version-preview-error" /> : null}
      {value?.kind === 'text' ? (
        <pre className="version-preview-text" data-testid="version-preview-text">
          {value.text}
          {value.truncated ? '\n…' : ''}
        </pre>
      ) : null}
      {value?.kind === 'image' ? <img className="version-preview-image" src={value.dataUrl} alt={`Version of ${formatIsoDate(version.lastModified)}`} /> : null}
      {value?.kind === 'none' ? <p>{value.reason === 'binary' ? 'Binary content: no preview.' : value.reason === 'too-large' ? 'Too large to preview.' : 'A folder has no preview.'}</p> : null}
    </section>
  );
}

function VersionRow({ v, bucket, store, onDownload, onView }: { readonly v: ObjectVersion; readonly bucket: string } & VersionsPanelProps) {
  const a = store.getState();
  return (
    <tr data-testid="version-row" data-version-id={v.versionId} data-current={v.isLatest ? '' : undefined} data-marker={v.isDeleteMarker ? '' : undefined}>
      <td title={formatIsoDate(v.lastModified)}>{formatIsoDate(v.lastModified)}</td>
      <td>
        {v.isLatest ? <span className="version-badge current" data-testid="version-current">current</span> : null}
        {v.isDeleteMarker ? <span className="version-badge marker">delete marker</span> : null}
      </td>
      <td title={v.isDeleteMarker ? undefined : formatExactBytes(v.size)}>{v.isDeleteMarker ? '—' : formatSize(v.size)}</td>
      <td className="mono" title={v.etag}>{v.etag.replace(/"/g, '').slice(0, 12)}</td>
      <td>{v.isDeleteMarker ? '' : v.storageClass}</td>
      <td className="mono" title={v.versionId}>{v.versionId.slice(0, 10)}</td>
      <td className="version-actions">
        {onDownload ? (
          <button
            type="button"
            disabled={v.isDeleteMarker}
            title={v.isDeleteMarker ? 'A delete marker has no content' : v.isLatest ? 'Download the current version' : 'Download this version, saved as “name (version <date>)”'}
            onClick={() => onDownload(v.key, v.isLatest ? null : v.versionId)}
            data-testid="version-download"
          >
            Download
          </button>
        ) : null}
        <button
          type="button"
          disabled={v.isDeleteMarker}
          title={v.isDeleteMarker ? 'A delete marker has no content' : 'Show the first bytes of this version'}
          onClick={() => void a.previewVersion(v)}
          data-testid="version-preview"
        >
          Preview
        </button>
        {onView ? (
          <button
            type="button"
            disabled={v.isDeleteMarker}
            title={v.isDeleteMarker ? 'A delete marker has no content' : 'Open this version in the viewer (images, PDF, tables, media…)'}
            onClick={() => onView(v.key, v.isLatest ? null : { id: v.versionId, label: `version of ${formatIsoDate(v.lastModified)}` })}
            data-testid="version-view"
          >
            View
          </button>
        ) : null}
        <button type="button" onClick={() => void a.copyText(v.versionId, 'version id')} data-testid="version-copy-id">
          Copy id
        </button>
        <button type="button" onClick={() => void a.copyText(versionUri(bucket, v.key, v.versionId), 'version URI')} data-testid="version-copy-uri">
          Copy URI
        </button>
        <button
          type="button"
          disabled={v.isDeleteMarker || v.isLatest}
          title={v.isDeleteMarker ? 'A delete marker has no content' : v.isLatest ? 'Already the current version' : 'Copy this version onto the key as a new current version'}
          aria-label="Restore as current"
          onClick={() => a.ask('restore', v)}
          data-testid="version-restore"
        >
          Restore…
        </button>
        <button type="button" className="danger-text" aria-label="Delete permanently" title="Delete this version permanently" onClick={() => a.ask('delete', v)} data-testid="version-delete">
          Delete…
        </button>
      </td>
    </tr>
  );
}

export function VersionsPanel({ store, onDownload, onView }: VersionsPanelProps) {
  const panel = useStore(store, (s) => s.panel);
  if (!panel) return null;
  const a = store.getState();
  const markers = panel.versions.filter((v) => v.isDeleteMarker).length;
  return (
    <Modal onCancel={a.closePanel} className="ops-dialog versions-panel" testId="versions-panel">
      <header className="versions-header">
        <ModalTitle>Versions of {panel.key}</ModalTitle>
        <button type="button" onClick={() => void a.reloadPanel()} data-testid="versions-reload">
          Reload
        </button>
      </header>
      <p data-testid="versions-summary" data-status={panel.status}>
        {panel.status === 'loading'
          ? 'Listing versions…'
          : panel.status === 'ready'
            ? `${panel.versions.length - markers} version${panel.versions.length - markers === 1 ? '' : 's'}, ${markers} delete marker${markers === 1 ? '' : 's'}, newest first.`
            : ''}
      </p>
      {panel.error ? <ErrorText error={panel.error} testId="versions-error" /> : null}
      {panel.notice ? (
        <p role="status" data-testid="versions-notice">
          {panel.notice}
        </p>
      ) : null}
      <Confirm store={store} />
      <VersionPreviewView store={store} />
      {panel.versions.length > 0 ? (
        <table className="versions-table">
          <thead>
            <tr>
              <th>Date</th>
              <th />
              <th>Size</th>
              <th>ETag</th>
              <th>Class</th>
              <th>Version id</th>
              <th>Actions</th>
            </tr>
          </thead>
          <tbody>
            {panel.versions.map((v) => (
              <VersionRow key={v.versionId} v={v} bucket={panel.place.bucket} store={store} {...(onDownload ? { onDownload } : {})} {...(onView ? { onView } : {})} />
            ))}
          </tbody>
        </table>
      ) : null}
      <div className="ops-buttons">
        <button type="button" onClick={a.closePanel} data-testid="versions-close">
          Close
        </button>
      </div>
    </Modal>
  );
}
