/**
 * The bucket's versioning (its "info"): what the state means, Enable or Suspend, and a confirmation that says
 * exactly what the change does. S3 can never turn versioning fully off once it was on; suspend keeps every
 * existing version.
 */
import { useStore } from 'zustand';
import type { VersioningState } from '../../../../shared/versions';
import { Modal, ModalTitle } from '../../ui/Modal';
import { ErrorText } from './ErrorText';
import { stateOf, type VersioningStore } from './versioning-store';

export const VERSIONING_MEANING: Readonly<Record<VersioningState, string>> = {
  enabled: 'Enabled: every overwrite and delete keeps the earlier version, so files can be restored and undeleted.',
  suspended:
    'Suspended: the versions made while it was enabled are kept and can still be restored, but new overwrites and deletes replace the "null" version instead of keeping the old one.',
  never: 'Never enabled: an overwrite or delete here is final. Versions, Show deleted, Undelete and View as of need versioning.',
};

/** What a change does, for its confirmation (Bucket info asks with the same words). */
export const VERSIONING_CONFIRM = {
  enable: (bucket: string) =>
    `Enable versioning on ${bucket}? From now on every overwrite and delete keeps the earlier version, and kept versions are stored (and billed) until deleted. Once enabled, versioning can only be suspended, never fully turned off.`,
  suspend: (bucket: string) =>
    `Suspend versioning on ${bucket}? Every existing version and delete marker is kept (and still stored). New overwrites and deletes will no longer keep the earlier version. Versioning cannot be turned fully off; you can enable it again at any time.`,
};

export function VersioningDialog({ store }: { readonly store: VersioningStore }) {
  const dialog = useStore(store, (s) => s.dialog);
  const states = useStore(store, (s) => s.states);
  if (!dialog) return null;
  const a = store.getState();
  const state = stateOf(states, dialog.place);
  const bucket = dialog.place.bucket;
  return (
    <Modal onCancel={a.closeDialog} className="ops-dialog" testId="versioning-dialog">
      <ModalTitle>Versioning of {bucket}</ModalTitle>
      {dialog.why ? <p data-testid="versioning-why">{dialog.why}</p> : null}
      {state ? (
        <p data-testid="versioning-state" data-state={state}>
          {VERSIONING_MEANING[state]}
        </p>
      ) : dialog.busy ? (
        <p>Asking the server…</p>
      ) : null}
      {dialog.error ? <ErrorText error={dialog.error} testId="versioning-error" /> : null}
      {dialog.confirm ? (
        <div role="alert" data-testid="versioning-confirm">
          <p>{VERSIONING_CONFIRM[dialog.confirm](bucket)}</p>
          <div className="ops-buttons">
            <button type="button" onClick={a.cancelChange} autoFocus>
              Cancel
            </button>
            <button type="button" disabled={dialog.busy} onClick={() => void a.confirmChange()} data-testid="versioning-confirm-ok">
              {dialog.confirm === 'enable' ? 'Enable versioning' : 'Suspend versioning'}
            </button>
          </div>
        </div>
      ) : (
        <div className="ops-buttons">
          {state && state !== 'enabled' ? (
            <button type="button" onClick={() => a.askChange('enable')} data-testid="versioning-enable">
              Enable…
            </button>
          ) : null}
          {state === 'enabled' ? (
            <button type="button" onClick={() => a.askChange('suspend')} data-testid="versioning-suspend">
              Suspend…
            </button>
          ) : null}
          <button type="button" onClick={a.closeDialog} autoFocus data-testid="versioning-close">
            Close
          </button>
        </div>
      )}
    </Modal>
  );
}
