import type { ConflictPolicy } from '../../../../shared/transfers';
import type { ConflictQuestion } from './transfers-store';

export interface ConflictDialogProps {
  readonly question: ConflictQuestion;
  readonly onAnswer: (policy: Exclude<ConflictPolicy, 'ask'> | null) => void;
}

/** "3 files already exist" → overwrite / skip / keep both, for the whole batch. */
export function ConflictDialog({ question, onAnswer }: ConflictDialogProps) {
  const where = question.direction === 'download' ? 'in the destination folder' : 'in the bucket';
  return (
    <div role="dialog" aria-modal="true" aria-labelledby="conflict-title" data-testid="conflict-dialog" style={{ padding: 12, border: '1px solid #8886', borderRadius: 6 }}>
      <h2 id="conflict-title" style={{ fontSize: '1em', margin: '0 0 6px' }}>
        {question.count === 1 ? '1 item already exists' : `${question.count} items already exist`} {where}
      </h2>
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
    </div>
  );
}
