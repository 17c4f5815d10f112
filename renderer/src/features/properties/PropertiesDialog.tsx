import { basename } from '../../../../shared/keys';
import { plural } from '../../lib/format';
import { Modal, ModalTitle } from '../../ui/Modal';
import { EditForm } from './EditForm';
import { PlanConfirm } from './PlanConfirm';
import { PropertiesFacts } from './PropertiesFacts';
import type { PropertiesActions, PropertiesDialog as DialogState } from './properties-store';
import { RunProgress, RunReport } from './RunView';
import './properties.css';

export interface PropertiesDialogProps {
  readonly dialog: DialogState;
  readonly actions: Omit<PropertiesActions, 'open' | 'start'>;
}

function titleOf(d: DialogState): string {
  if (d.keys.length === 1) return `Properties of ${basename(d.keys[0] as string) || d.keys[0]}`;
  return `Properties of ${plural(d.keys.length, 'item')}`;
}

/** The Properties dialog: the object as it is, the edit form, then the plan's confirmation, the run, its report. */
export function PropertiesDialog({ dialog: d, actions: a }: PropertiesDialogProps) {
  const { phase, view } = d;
  const many = view.status === 'none';
  const formShown = phase.step === 'edit' || phase.step === 'planning';
  const ready = many || view.status === 'ready';
  return (
    <Modal onCancel={a.close} className="props-dialog" testId="props-dialog">
      <ModalTitle data-testid="props-title">{titleOf(d)}</ModalTitle>
      {many ? (
        <p data-testid="props-many">
          The changes below apply to every object selected{d.keys.some((k) => k.endsWith('/')) ? ' (folders: every object in them)' : ''}; everything
          else about each object is kept.
        </p>
      ) : null}
      {view.status === 'loading' ? <p data-testid="props-loading">Reading properties…</p> : null}
      {view.error ? (
        <p className="props-error" role="alert" data-code={view.error.code}>
          {view.error.title}: {view.error.message}
        </p>
      ) : null}
      {view.props && formShown ? (
        <>
          <PropertiesFacts props={view.props} />
          <button type="button" onClick={() => void a.reload()} disabled={phase.step !== 'edit'} data-testid="props-reload">
            Read again from the server
          </button>
        </>
      ) : null}
      {formShown && ready ? (
        <EditForm
          draft={d.draft}
          many={many}
          currentClass={view.props?.storageClass ?? null}
          tagsNote={view.props && !view.props.tags.ok ? `Tags not readable: ${view.props.tags.error.message} Tags typed here are added.` : null}
          onHeader={a.setHeader}
          onAddRow={a.addRow}
          onRow={a.updateRow}
          onDeleteRow={a.deleteRow}
          onStorageClass={a.setStorageClass}
          onAcl={a.setAcl}
          onEncryption={a.setEncryption}
          onRestore={a.setRestore}
        />
      ) : null}
      {formShown && d.problems.length > 0 ? (
        <ul className="props-problems" role="alert" data-testid="props-problems">
          {d.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
      {d.error ? (
        <p className="props-error" role="alert" data-testid="props-error" data-code={d.error.code}>
          {d.error.title}: {d.error.message}
        </p>
      ) : null}
      {phase.step === 'confirm' || phase.step === 'running' || phase.step === 'done' ? <PlanConfirm plan={phase.plan} /> : null}
      {phase.step === 'running' ? <RunProgress total={phase.plan.objects} progress={phase.progress} /> : null}
      {phase.step === 'done' ? <RunReport report={phase.report} /> : null}
      <div className="props-buttons">
        {formShown ? (
          <>
            <button type="button" onClick={a.close} data-testid="props-close">
              Close
            </button>
            <button
              type="button"
              onClick={() => void a.review()}
              disabled={!ready || !d.changes || d.problems.length > 0 || phase.step === 'planning'}
              data-testid="props-review"
            >
              {phase.step === 'planning' ? 'Counting…' : 'Review…'}
            </button>
          </>
        ) : null}
        {phase.step === 'confirm' ? (
          <>
            <button type="button" onClick={a.back} data-testid="props-back">
              Back
            </button>
            <button type="button" onClick={() => void a.run()} data-testid="props-run" autoFocus>
              {`Change ${plural(phase.plan.objects, 'object')}`}
            </button>
          </>
        ) : null}
        {phase.step === 'running' ? (
          <button type="button" onClick={() => void a.cancelRun()} disabled={phase.cancelling} data-testid="props-cancel">
            {phase.cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        ) : null}
        {phase.step === 'done' ? (
          <>
            <button type="button" onClick={a.back} data-testid="props-edit-again">
              Edit again
            </button>
            <button type="button" onClick={a.close} data-testid="props-done" autoFocus>
              Close
            </button>
          </>
        ) : null}
      </div>
    </Modal>
  );
}
