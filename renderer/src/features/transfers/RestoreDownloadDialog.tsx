import { useState } from 'react';
import { RESTORE_TIERS, type RestoreTier } from '../../../../shared/cost';
import { MAX_RESTORE_DAYS, type RestoreRequest } from '../../../../shared/properties';
import { Modal, ModalTitle } from '../../ui/Modal';

/** What each tier takes on AWS (GLACIER; DEEP_ARCHIVE: Standard up to 12 h, Bulk up to 48 h, no Expedited). */
const TIER_TIME: Record<RestoreTier, string> = { Expedited: '1–5 minutes', Standard: '3–5 hours', Bulk: '5–12 hours' };

/**
 * "Restore and download…" for a download refused because its object is archived: how long to keep the
 * restored copy and which tier, then main requests the restore, checks at intervals (shown on the transfer's
 * row) and downloads once the copy is readable. Cancel on the row stops the wait.
 */
export function RestoreDownloadDialog({ objectKey, onAnswer }: { objectKey: string; onAnswer: (restore: RestoreRequest | null) => void }) {
  const [days, setDays] = useState('1');
  const [tier, setTier] = useState<RestoreTier>('Standard');
  const n = Number(days);
  const valid = Number.isInteger(n) && n >= 1 && n <= MAX_RESTORE_DAYS;
  return (
    <Modal onCancel={() => onAnswer(null)} testId="restore-download">
      <ModalTitle>Restore and download {objectKey.split('/').pop()}</ModalTitle>
      <p>
        This object is archived and cannot be read until S3 restores a temporary copy. S3 Desk requests the restore, checks at intervals
        (shown on the transfer) and downloads it once it is back. The restore is billed by its tier; Cancel on the transfer stops waiting.
      </p>
      <label>
        Keep the restored copy for{' '}
        <input type="number" min={1} max={MAX_RESTORE_DAYS} value={days} onChange={(e) => setDays(e.target.value)} data-testid="restore-download-days" /> days
      </label>
      <label>
        {' '}Tier{' '}
        <select value={tier} onChange={(e) => setTier(e.target.value as RestoreTier)} data-testid="restore-download-tier">
          {RESTORE_TIERS.map((t) => (
            <option key={t} value={t}>
              {t} ({TIER_TIME[t]})
            </option>
          ))}
        </select>
      </label>
      {!valid ? <p role="alert">Restore for 1 to {MAX_RESTORE_DAYS} whole days.</p> : null}
      <div style={{ display: 'flex', justifyContent: 'flex-end', gap: 8, marginTop: 12 }}>
        <button type="button" onClick={() => onAnswer(null)} data-testid="restore-download-cancel">
          Not now
        </button>
        <button type="button" className="primary" disabled={!valid} onClick={() => onAnswer({ days: n, tier })} data-testid="restore-download-confirm">
          Restore and download
        </button>
      </div>
    </Modal>
  );
}
