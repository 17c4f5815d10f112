import type { OperationPlan, PlanRequest } from '../../../../shared/operations';
import { plural } from '../../lib/format';
import { Modal, ModalTitle } from '../../ui/Modal';
import { confirmTitle } from './confirm-title';
import { CostSummary } from './CostSummary';

/** A paste over a big folder can collide on thousands of keys: the dialog names the first ones and counts the rest. */
const SHOWN_CONFLICTS = 50;

export interface ConfirmDialogProps {
  readonly request: PlanRequest;
  readonly plan: OperationPlan;
  onConfirm(): void;
  onCancel(): void;
}

/** States exactly what the plan in main will do: how many objects and bytes, and what would be overwritten. */
export function ConfirmDialog({ request, plan, onConfirm, onCancel }: ConfirmDialogProps) {
  const title = confirmTitle(request, plan);
  return (
    <Modal onCancel={onCancel} role="alertdialog" className="ops-dialog" testId="ops-confirm">
      <ModalTitle data-testid="ops-confirm-title">{title}</ModalTitle>
        {request.kind === 'delete' && <p>This cannot be undone.</p>}
        {plan.conflicts.length > 0 && (
          <>
            <p>These already exist in the destination and will be replaced:</p>
            <ul className="ops-keys" data-testid="ops-confirm-conflicts">
              {plan.conflicts.slice(0, SHOWN_CONFLICTS).map((k) => (
                <li key={k}>{k}</li>
              ))}
            </ul>
            {plan.conflicts.length > SHOWN_CONFLICTS && (
              <p data-testid="ops-confirm-conflicts-more">and {plural(plan.conflicts.length - SHOWN_CONFLICTS, 'more item')}</p>
            )}
          </>
        )}
        {plan.sample.length > 0 && (
          <details>
            <summary>{plan.objects > plan.sample.length ? `First ${plan.sample.length} of ${plural(plan.objects, 'object')}` : 'Objects'}</summary>
            <ul className="ops-keys">
              {plan.sample.map((k) => (
                <li key={k}>{k}</li>
              ))}
            </ul>
          </details>
        )}
        <CostSummary estimate={plan.estimate} />
        <div className="ops-buttons">
          <button type="button" onClick={onCancel} data-testid="ops-confirm-cancel" autoFocus>
            Cancel
          </button>
          <button type="button" className={request.kind === 'delete' ? 'danger' : ''} onClick={onConfirm} data-testid="ops-confirm-ok">
            {request.kind === 'delete' ? 'Delete' : request.kind === 'move' ? 'Move' : 'Copy'}
          </button>
        </div>
    </Modal>
  );
}
