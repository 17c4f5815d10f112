import { Modal, ModalTitle } from '../../ui/Modal';

export interface NameDialogProps {
  readonly mode: 'new-folder' | 'rename';
  readonly name: string;
  readonly problem: string | null;
  readonly busy: boolean;
  onChange(name: string): void;
  onSubmit(): void;
  onCancel(): void;
}

/** The new-folder and rename input; the store validates with the same rule main enforces. */
export function NameDialog({ mode, name, problem, busy, onChange, onSubmit, onCancel }: NameDialogProps) {
  return (
    <Modal onCancel={onCancel} className="ops-dialog" testId={`ops-${mode}-dialog`}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        <ModalTitle>{mode === 'new-folder' ? 'New folder' : 'Rename'}</ModalTitle>
        <label>
          {mode === 'new-folder' ? 'New folder name' : 'New name'}
          <input
            data-testid="ops-name-input"
            value={name}
            autoFocus
            onFocus={(e) => {
              // Select the name without its extension, as file managers do on rename.
              const dot = e.target.value.lastIndexOf('.');
              e.target.setSelectionRange(0, mode === 'rename' && dot > 0 ? dot : e.target.value.length);
            }}
            onChange={(e) => onChange(e.target.value)}
            aria-invalid={problem !== null}
          />
        </label>
        {problem && (
          <p className="ops-problem" role="alert" data-testid="ops-name-problem">
            {problem}
          </p>
        )}
        <div className="ops-buttons">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" disabled={busy} data-testid="ops-name-submit">
            {mode === 'new-folder' ? 'Create' : 'Rename'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
