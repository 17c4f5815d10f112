import { useState } from 'react';
import { MAX_PRESIGN_SECONDS } from '../../../../shared/operations';
import { Modal, ModalTitle } from '../../ui/Modal';
import type { ShareState } from './operations-store';

export interface ShareDialogProps {
  readonly keyName: string;
  readonly link: ShareState | null;
  onPresign(expiresInSeconds: number): void;
  onClose(): void;
}

const CHOICES: Array<[string, number]> = [
  ['1 hour', 3600],
  ['1 day', 86_400],
  ['7 days (maximum)', MAX_PRESIGN_SECONDS],
];

/** Presigned link with a chosen expiry; the link is copied to the clipboard as soon as it is made. */
export function ShareDialog({ keyName, link, onPresign, onClose }: ShareDialogProps) {
  const [hours, setHours] = useState('1');
  return (
    <Modal onCancel={onClose} className="ops-dialog" testId="ops-share">
      <ModalTitle>Share {keyName}</ModalTitle>
        <div className="ops-buttons">
          {CHOICES.map(([label, seconds]) => (
            <button key={seconds} type="button" onClick={() => onPresign(seconds)}>
              {label}
            </button>
          ))}
        </div>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            onPresign(Math.round(Number(hours) * 3600));
          }}
        >
          <label>
            Hours
            <input data-testid="ops-share-hours" type="number" step="any" value={hours} onChange={(e) => setHours(e.target.value)} />
          </label>
          <button type="submit">Create link</button>
        </form>
        {link?.error && <p className="ops-problem">{link.error}</p>}
        {link?.text && (
          <>
            <textarea readOnly value={link.text} data-testid="ops-share-text" rows={4} />
            <p>
              {link.copied ? 'Copied to the clipboard.' : 'Copy the link above.'}
              {link.expiresAt && ` Expires ${new Date(link.expiresAt).toLocaleString()}.`}
            </p>
          </>
        )}
        <div className="ops-buttons">
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
    </Modal>
  );
}
