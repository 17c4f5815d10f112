import { lazy, Suspense, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { formatSize } from '../../lib/format';
import { Modal, ModalTitle } from '../../ui/Modal';
import type { PreviewStore } from './preview-store';
import './preview.css';

// The viewers and their libraries (highlight.js, marked, DOMPurify, Papa Parse: ~270 kB minified) load with the
// first preview, not with the app: most sessions never open one.
const PreviewBody = lazy(() => import('./PreviewBody').then((m) => ({ default: m.PreviewBody })));

function NothingToShow() {
  return <p data-testid="preview-none">There is nothing to show.</p>;
}

export interface PreviewPaneProps {
  readonly store: PreviewStore;
  /** ←/→ (and ↑/↓): the previous or next file of the folder. */
  onStep(delta: -1 | 1): void;
  /** The shown version (null: the current one). */
  onDownload(key: string, versionId: string | null): void;
}

/** The preview (Space): one viewer per type, what it cost, Cancel while reading, Open / Edit / Download. */
export function PreviewPane({ store, onStep, onDownload }: PreviewPaneProps) {
  const shown = useStore(store, (s) => s.shown);
  const external = useStore(store, (s) => s.external);
  const [mediaError, setMediaError] = useState<string | null>(null);
  const name = useMemo(() => (shown ? shown.key.slice(shown.key.lastIndexOf('/') + 1) : ''), [shown]);
  if (!shown) return null;
  const s = store.getState();
  const close = () => {
    setMediaError(null);
    s.close();
  };
  return (
    <Modal
      onCancel={close}
      className="ops-dialog pv-pane"
      testId="preview"
      cancelOnBackdrop
      onKeyDown={(e) => {
        if (e.target instanceof HTMLInputElement || e.target instanceof HTMLMediaElement) return;
        if (e.key === ' ') {
          e.preventDefault();
          close();
        } else if (e.key === 'ArrowRight' || e.key === 'ArrowDown' || e.key === 'ArrowLeft' || e.key === 'ArrowUp') {
          e.preventDefault();
          setMediaError(null);
          onStep(e.key === 'ArrowRight' || e.key === 'ArrowDown' ? 1 : -1);
        }
      }}
    >
      <header className="pv-header">
        <ModalTitle asChild>
          <strong data-testid="preview-name">{name}</strong>
        </ModalTitle>
        {shown.version ? (
          <span className="pv-version" data-testid="preview-version">
            {shown.version.label}
          </span>
        ) : null}
        <span className="pv-cost" data-testid="preview-cost">
          {shown.cost.requests} {shown.cost.requests === 1 ? 'request' : 'requests'}, {formatSize(shown.cost.bytes)} read
        </span>
        <span className="pv-actions">
          {shown.status === 'loading' && shown.requestId ? (
            <button type="button" onClick={() => s.cancel()} data-testid="preview-cancel">
              Cancel
            </button>
          ) : null}
          <button
            type="button"
            disabled={shown.version !== null}
            title={shown.version ? 'Open and Edit work on the current version; Download saves this one' : undefined}
            onClick={() => void s.openExternally(shown.place, shown.key, false)}
            data-testid="preview-open"
          >
            Open
          </button>
          <button
            type="button"
            disabled={shown.version !== null}
            title={shown.version ? 'Open and Edit work on the current version; Download saves this one' : undefined}
            onClick={() => void s.openExternally(shown.place, shown.key, true)}
            data-testid="preview-edit"
          >
            Edit
          </button>
          <button type="button" onClick={() => onDownload(shown.key, shown.version?.id ?? null)} data-testid="preview-download">
            Download
          </button>
          <button type="button" onClick={close} aria-label="Close preview" data-testid="preview-close">
            ×
          </button>
        </span>
      </header>
      {external ? (
        <p className={external.error ? 'pv-problem' : 'pv-note'} data-testid="preview-external">
          {external.message}
        </p>
      ) : null}
      <div className="pv-content">
        {shown.status === 'loading' && !shown.content ? <p data-testid="preview-loading">Reading {name}…</p> : null}
        {shown.status === 'error' && shown.error ? (
          <p className="pv-problem" data-testid="preview-error">
            {shown.error.title}: {shown.error.message} {shown.error.detail ? `(${shown.error.detail})` : ''}
          </p>
        ) : null}
        {mediaError ? (
          <p className="pv-problem" data-testid="preview-media-error">
            Playback failed: {mediaError}. Try again, or Download the file.
          </p>
        ) : null}
        {shown.content ? (
          <Suspense fallback={<p data-testid="preview-viewer-loading">Loading the viewer…</p>}>
            <PreviewBody shown={shown} content={shown.content} onMediaError={setMediaError} onMore={() => void s.loadMore()} />
          </Suspense>
        ) : null}
        {shown.content === null && shown.status === 'ready' ? <NothingToShow /> : null}
      </div>
    </Modal>
  );
}
