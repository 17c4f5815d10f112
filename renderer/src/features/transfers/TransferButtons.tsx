export interface TransferButtonsProps {
  /** Disabled when nothing is selected. */
  readonly canDownload: boolean;
  /** Disabled outside a bucket. */
  readonly canUpload: boolean;
  /** Why upload is disabled (shown as the buttons' tooltip). */
  readonly uploadDisabledReason?: string | undefined;
  readonly onDownload: () => void;
  readonly onUploadFiles: () => void;
  readonly onUploadFolder: () => void;
}

/** Toolbar buttons: download the selection, upload files or a folder into the current folder. */
export function TransferButtons({ canDownload, canUpload, uploadDisabledReason, onDownload, onUploadFiles, onUploadFolder }: TransferButtonsProps) {
  const uploadTitle = canUpload ? undefined : uploadDisabledReason;
  return (
    <span role="group" aria-label="Transfers" style={{ display: 'inline-flex', gap: 4 }}>
      <button type="button" data-testid="download-button" disabled={!canDownload} onClick={onDownload} title="Download the selection (Ctrl/⌘+Shift+D)">
        Download
      </button>
      <button type="button" data-testid="upload-files-button" disabled={!canUpload} onClick={onUploadFiles} title={uploadTitle}>
        Upload files
      </button>
      <button type="button" data-testid="upload-folder-button" disabled={!canUpload} onClick={onUploadFolder} title={uploadTitle}>
        Upload folder
      </button>
    </span>
  );
}
