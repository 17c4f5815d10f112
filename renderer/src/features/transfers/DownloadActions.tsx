import { ExternalLink, FolderOpen } from 'lucide-react';
import type { TransferItem } from '../../../../shared/transfers';

export interface DownloadActionsProps {
  readonly item: TransferItem;
  readonly onReveal: (id: string, how: 'show' | 'open') => void;
}

/** "Show in folder" and "Open" on a finished download (a separate component so the row's other buttons can change). */
export function DownloadActions({ item, onReveal }: DownloadActionsProps) {
  if (item.direction !== 'download' || item.state !== 'done' || item.localPath === null) return null;
  const name = item.key.split('/').filter(Boolean).pop() ?? item.key;
  return (
    <span className="download-actions">
      <button
        type="button"
        className="icon-button"
        data-testid="transfer-show-in-folder"
        aria-label={`Show ${name} in folder`}
        title="Show in folder"
        onClick={() => onReveal(item.id, 'show')}
      >
        <FolderOpen size={14} aria-hidden="true" />
      </button>
      <button
        type="button"
        className="icon-button"
        data-testid="transfer-open"
        aria-label={`Open ${name}`}
        title="Open"
        onClick={() => onReveal(item.id, 'open')}
      >
        <ExternalLink size={14} aria-hidden="true" />
      </button>
    </span>
  );
}
