import type { Preview } from '../../../../shared/operations';
import type { Loadable } from './operations-store';
import { formatSize } from '../../lib/format';
import { Modal, ModalTitle } from '../../ui/Modal';

export interface PreviewPaneProps {
  readonly preview: Loadable<Preview>;
  onClose(): void;
}

const REASON = { binary: 'This looks like a binary file.', 'too-large': 'This image is too large to preview.', folder: 'Folders have no preview.' };

/** Quick look (Space): the first 64 KiB of text, or an image under the size limit. */
export function PreviewPane({ preview, onClose }: PreviewPaneProps) {
  if (preview.status === 'idle') return null;
  return (
    <Modal
      onCancel={onClose}
      className="ops-dialog ops-preview"
      testId="ops-preview"
      cancelOnBackdrop
      onKeyDown={(e) => {
        // Space toggles the preview, as in Finder's Quick Look (Escape is the dialog's own).
        if (e.key === ' ' && !(e.target instanceof HTMLInputElement)) {
          e.preventDefault();
          onClose();
        }
      }}
    >
        <header>
          <ModalTitle asChild>
            <strong>{preview.key}</strong>
          </ModalTitle>
          <button type="button" onClick={onClose} aria-label="Close preview" data-testid="ops-preview-close">
            ×
          </button>
        </header>
        {preview.status === 'loading' && <p>Loading…</p>}
        {preview.status === 'error' && <p className="ops-problem">{preview.error.message}</p>}
        {preview.status === 'ready' && preview.value.kind === 'text' && (
          <>
            <pre data-testid="ops-preview-text">{preview.value.text}</pre>
            {preview.value.truncated && <p>Showing the beginning of {formatSize(preview.value.size)}.</p>}
          </>
        )}
        {preview.status === 'ready' && preview.value.kind === 'image' && (
          <img data-testid="ops-preview-image" src={preview.value.dataUrl} alt={preview.key} />
        )}
        {preview.status === 'ready' && preview.value.kind === 'none' && <p data-testid="ops-preview-none">{REASON[preview.value.reason]}</p>}
    </Modal>
  );
}
