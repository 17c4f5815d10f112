import { useStore } from 'zustand';
import type { AbortUploadsPlan, IncompleteUpload } from '../../../../shared/transfers';
import { formatExactBytes, plural } from '../../lib/format';
import { formatBytes } from '../../lib/transfer-format';
import { Modal, ModalTitle } from '../../ui/Modal';
import {
  describeUploads,
  type IncompleteUploadsActions,
  type IncompleteUploadsState,
  type IncompleteUploadsStore,
} from './incomplete-uploads-store';
import './incomplete-uploads.css';

/** Aborting hundreds at once: the confirmation names the first ones and counts the rest. */
const SHOWN_IN_PLAN = 50;

export type IncompleteUploadsViewProps = Pick<IncompleteUploadsState, 'uploads' | 'busy' | 'plan' | 'message' | 'failed'> & {
  readonly location: NonNullable<IncompleteUploadsState['location']>;
  readonly actions: Pick<IncompleteUploadsActions, 'close' | 'refresh' | 'planAbort' | 'confirm' | 'cancelPlan'>;
};

/** The connected dialog: up while the store has a bucket open. */
export function IncompleteUploadsDialog({ store }: { store: IncompleteUploadsStore }) {
  const location = useStore(store, (s) => s.location);
  const uploads = useStore(store, (s) => s.uploads);
  const busy = useStore(store, (s) => s.busy);
  const plan = useStore(store, (s) => s.plan);
  const message = useStore(store, (s) => s.message);
  const failed = useStore(store, (s) => s.failed);
  if (!location) return null;
  return <IncompleteUploadsView location={location} uploads={uploads} busy={busy} plan={plan} message={message} failed={failed} actions={store.getState()} />;
}

/** A bucket's incomplete multipart uploads (billed, invisible elsewhere) with Abort / Abort all, each confirmed. */
export function IncompleteUploadsView({ location, uploads, busy, plan, message, failed, actions }: IncompleteUploadsViewProps) {
  const idle = busy === null;
  return (
    <Modal onCancel={actions.close} className="incomplete-dialog" testId="incomplete-uploads">
      <header className="incomplete-header">
        <ModalTitle>Incomplete uploads in {location.bucket}</ModalTitle>
        <button type="button" aria-label="Close" data-testid="incomplete-close" onClick={actions.close}>
          ×
        </button>
      </header>
      <p className="incomplete-intro">
        Multipart uploads that were started but never completed or aborted. S3 keeps their parts, and bills for them, until they are
        aborted; no object in the bucket changes when one is.
      </p>
      <div role="status" aria-live="polite" data-testid="incomplete-busy" className="incomplete-busy">
        {busy}
      </div>
      {message && (
        <div role={failed ? 'alert' : 'status'} data-testid="incomplete-message" className={failed ? 'incomplete-message failed' : 'incomplete-message'}>
          {message}
        </div>
      )}
      {uploads && uploads.length === 0 && <p data-testid="incomplete-empty">No incomplete uploads in {location.bucket}.</p>}
      {uploads && uploads.length > 0 && <UploadsTable uploads={uploads} disabled={!idle} onAbort={(u) => void actions.planAbort(u)} />}
      <footer className="incomplete-footer">
        <span data-testid="incomplete-summary">{uploads && uploads.length > 0 ? describeUploads(uploads) : ''}</span>
        <button type="button" data-testid="incomplete-refresh" disabled={!idle} onClick={() => void actions.refresh()}>
          Refresh
        </button>
        <button type="button" className="danger" data-testid="incomplete-abort-all" disabled={!idle || !uploads?.length} onClick={() => void actions.planAbort()}>
          Abort all…
        </button>
      </footer>
      {plan && <AbortConfirm bucket={location.bucket} plan={plan} onConfirm={() => void actions.confirm()} onCancel={actions.cancelPlan} />}
    </Modal>
  );
}

function UploadsTable({ uploads, disabled, onAbort }: { uploads: readonly IncompleteUpload[]; disabled: boolean; onAbort(u: IncompleteUpload): void }) {
  return (
    <div className="incomplete-scroll">
      <table data-testid="incomplete-table" className="incomplete-table">
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Started</th>
            <th scope="col">Initiator</th>
            <th scope="col" className="num">
              Parts
            </th>
            <th scope="col" className="num">
              Size so far
            </th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {uploads.map((u) => (
            <tr key={`${u.key}\n${u.uploadId}`} data-testid="incomplete-row" data-key={u.key} data-upload-id={u.uploadId}>
              <th scope="row" className="key" title={`Upload ID ${u.uploadId}`}>
                {u.key}
              </th>
              <td title={u.initiated ?? 'The server did not say'}>{u.ageSeconds === null ? '—' : formatAge(u.ageSeconds)}</td>
              <td>{u.initiator ?? '—'}</td>
              <td className="num">{u.parts}</td>
              <td className="num" title={formatExactBytes(u.bytes)}>
                {formatBytes(u.bytes)}
              </td>
              <td>
                <button type="button" data-testid="incomplete-abort" aria-label={`Abort the upload of ${u.key}…`} disabled={disabled} onClick={() => onAbort(u)}>
                  Abort…
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** States exactly what the plan in main aborts: each upload by key, its parts and bytes, and the total. */
function AbortConfirm({ bucket, plan, onConfirm, onCancel }: { bucket: string; plan: AbortUploadsPlan; onConfirm(): void; onCancel(): void }) {
  const only = plan.count === 1 ? plan.uploads[0] : undefined;
  const title = only ? `Abort the incomplete upload of “${only.key}”?` : `Abort ${plural(plan.count, 'incomplete upload')} in ${bucket}?`;
  return (
    <Modal onCancel={onCancel} role="alertdialog" className="incomplete-confirm" testId="incomplete-confirm">
      <ModalTitle data-testid="incomplete-confirm-title">{title}</ModalTitle>
      <p data-testid="incomplete-confirm-what">
        Deletes what was uploaded so far — {describeUploads(plan.uploads)} — from {bucket}. No existing object changes, but an aborted upload
        cannot be resumed: its file would be sent again from the start. This cannot be undone.
      </p>
      <ul className="incomplete-plan" data-testid="incomplete-confirm-list">
        {plan.uploads.slice(0, SHOWN_IN_PLAN).map((u) => (
          <li key={`${u.key}\n${u.uploadId}`}>
            <code>{u.key}</code> — {plural(u.parts, 'part')}, {formatBytes(u.bytes)}
            {u.ageSeconds === null ? '' : `, started ${formatAge(u.ageSeconds)}`}
          </li>
        ))}
      </ul>
      {plan.count > SHOWN_IN_PLAN && <p>and {plural(plan.count - SHOWN_IN_PLAN, 'more upload')}</p>}
      <div className="incomplete-buttons">
        <button type="button" onClick={onCancel} data-testid="incomplete-confirm-cancel" autoFocus>
          Keep
        </button>
        <button type="button" className="danger" onClick={onConfirm} data-testid="incomplete-confirm-run">
          {plan.count === 1 ? 'Abort upload' : `Abort ${plural(plan.count, 'upload')}`}
        </button>
      </div>
    </Modal>
  );
}

export function formatAge(seconds: number): string {
  if (seconds < 60) return 'just now';
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.round(seconds / 3600)} h ago`;
  const days = Math.round(seconds / 86_400);
  return `${days} ${days === 1 ? 'day' : 'days'} ago`;
}
