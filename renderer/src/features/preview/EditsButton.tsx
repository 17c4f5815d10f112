import * as Dialog from '@radix-ui/react-dialog';
import { FilePen } from 'lucide-react';
import { useState } from 'react';
import { useStore } from 'zustand';
import type { EditState } from '../../../../shared/open-edit';
import type { EditsStore } from './edits-store';

const STATE: Readonly<Record<EditState, string>> = {
  opening: 'downloading',
  open: 'open',
  uploading: 'uploading a save',
  conflict: 'changed on the server: choose',
  deleted: 'deleted on the server: choose',
  failed: 'last save failed',
};

/**
 * The status bar's list of files open in other apps (shown while there are any): Done ends an edit, which stops
 * watching it and removes its temp copy (quitting the app removes them all). Non-modal, like Activity.
 */
export function EditsButton({ store }: { readonly store: EditsStore }) {
  const sessions = useStore(store, (s) => s.sessions);
  const [open, setOpen] = useState(false);
  if (sessions.length === 0) return null;
  return (
    <Dialog.Root open={open} onOpenChange={setOpen} modal={false}>
      <Dialog.Trigger asChild>
        <button type="button" className="icon-button" data-testid="edits-button" aria-label={`Open in other apps: ${sessions.length}`} title="Files open in other apps">
          <FilePen size={14} aria-hidden="true" /> {sessions.length}
        </button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Content className="activity-panel" data-testid="edits-panel" aria-describedby={undefined} onInteractOutside={() => setOpen(false)}>
          <header>
            <Dialog.Title>Open in other apps</Dialog.Title>
            <Dialog.Close asChild>
              <button type="button" className="icon-button" aria-label="Close">
                ×
              </button>
            </Dialog.Close>
          </header>
          <ul className="activity-list">
            {sessions.map((e) => (
              <li key={e.id} data-testid="edits-entry" data-state={e.state}>
                <div>
                  <strong>{e.key.slice(e.key.lastIndexOf('/') + 1)}</strong> {e.edit ? `editing, ${STATE[e.state]}` : 'opened to view'}
                  {e.uploads > 0 ? <p>{e.uploads === 1 ? '1 save uploaded' : `${e.uploads} saves uploaded`}</p> : null}
                </div>
                <button type="button" onClick={() => void store.getState().finish(e.id)} data-testid="edits-done">
                  Done
                </button>
              </li>
            ))}
          </ul>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
