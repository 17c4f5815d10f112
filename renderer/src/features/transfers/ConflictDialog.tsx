import type { ConflictPolicy } from '../../../../shared/transfers';
import { Modal, ModalTitle } from '../../ui/Modal';
import type { ConflictQuestion } from './transfers-store';

export interface ConflictDialogProps {
  readonly question: ConflictQuestion;
  readonly onAnswer: (policy: Exclude<ConflictPolicy, 'ask'> | null) => void;
}

/** "3 files already exist" → overwrite / skip / keep both, for the whole batch. */
export function ConflictDialog({ question, onAnswer }: ConflictDialogProps) {
  const where = question.direction === 'download' ? 'in the destination folder' : 'in the bucket';
  return (
    <Modal onCancel={() => onAnswer(null)} role="alertdialog" testId="conflict-dialog">
      <ModalTitle style={{ fontSize: '1em', margin: '0 0 6px' }}>
        {question.count === 1 ? '1 item already exists' : `${question.count} items already exist`} {where}
      </ModalTitle>
      <ul style={{ margin: '0 0 8px', paddingLeft: 18 }}>
        {question.sample.map((name) => (
          <li key={name}>{name}</li>
        ))}
        {question.count > question.sample.length && <li>…</li>}
      </ul>
      <div style={{ display: 'flex', gap: 6 }}>
        <button type="button" data-testid="conflict-overwrite" onClick={() => onAnswer('overwrite')}>
          Overwrite
        </button>
        <button type="button" data-testid="conflict-skip" onClick={() => onAnswer('skip')}>
          Skip existing
        </button>
        <button type="button" data-testid="conflict-keep-both" onClick={() => onAnswer('keep-both')}>
          Keep both
        </button>
        <button type="button" data-testid="conflict-cancel" onClick={() => onAnswer(null)}>
          Cancel
        </button>
      </div>
    </Modal>
  );
}
