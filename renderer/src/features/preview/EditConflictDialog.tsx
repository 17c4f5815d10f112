import { useState } from 'react';
import { useStore } from 'zustand';
import { editedKey, type EditSession } from '../../../../shared/open-edit';
import { Modal, ModalTitle } from '../../ui/Modal';
import { asking, type EditsStore } from './edits-store';

/**
 * The question an edit raises when its object changed or was deleted on the server: overwrite (or upload it
 * again), save as a new key, or discard my changes. Escape puts it off; the save stays on disk, waiting.
 */
export function EditConflictDialog({ store }: { readonly store: EditsStore }) {
  const session = useStore(store, asking);
  if (!session) return null;
  // Keyed by session and state: a new question starts with a fresh proposed key.
  return <Question key={`${session.id}:${session.state}`} store={store} session={session} />;
}

function Question({ store, session }: { readonly store: EditsStore; readonly session: EditSession }) {
  const busy = useStore(store, (s) => s.busy);
  const error = useStore(store, (s) => s.error);
  const [newKey, setNewKey] = useState(() => editedKey(session.key));
  const s = store.getState();
  const name = session.key.slice(session.key.lastIndexOf('/') + 1);
  const deleted = session.state === 'deleted';
  const keyProblem = newKey.trim() === '' || newKey.endsWith('/') ? 'Give a file key' : newKey === session.key ? 'Choose a key other than the original' : null;
  const saveAs = () => {
    if (!keyProblem) void s.resolve(session.id, 'save-as', newKey);
  };
  return (
    <Modal onCancel={() => s.putOff(session.id)} role="alertdialog" testId="edit-conflict">
      <ModalTitle style={{ fontSize: '1em', margin: '0 0 6px' }}>
        {deleted ? `${name} was deleted on the server` : `${name} changed on the server`}
      </ModalTitle>
      <p data-testid="edit-conflict-message">
        {deleted
          ? 'Someone deleted it while you were editing. Your saved copy is kept until you choose.'
          : 'Someone changed it since you opened it. Your save was not uploaded, so nothing of theirs is lost yet.'}
      </p>
      <label style={{ display: 'grid', gap: 4, margin: '8px 0' }}>
        Save as a new key
        <input
          value={newKey}
          onChange={(e) => setNewKey(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              saveAs();
            }
          }}
          aria-invalid={keyProblem !== null}
          data-testid="edit-conflict-key"
        />
      </label>
      {keyProblem ? <p className="ops-problem">{keyProblem}</p> : null}
      {error ? (
        <p className="ops-problem" data-testid="edit-conflict-error">
          {error.message}
        </p>
      ) : null}
      <div style={{ display: 'flex', gap: 6, flexWrap: 'wrap' }}>
        <button type="button" disabled={busy} onClick={() => void s.resolve(session.id, 'overwrite')} data-testid="edit-conflict-overwrite">
          {deleted ? 'Upload it again' : 'Overwrite theirs'}
        </button>
        <button type="button" disabled={busy || keyProblem !== null} onClick={saveAs} data-testid="edit-conflict-save-as">
          Save as new key
        </button>
        <button type="button" disabled={busy} onClick={() => void s.resolve(session.id, 'discard')} data-testid="edit-conflict-discard">
          Discard my changes
        </button>
        <button type="button" onClick={() => s.putOff(session.id)} data-testid="edit-conflict-later">
          Decide later
        </button>
      </div>
    </Modal>
  );
}
