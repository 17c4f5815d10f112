/**
 * Undelete and Restore folder as plans: main counts exactly what will happen, this dialog says it (markers to
 * remove; versions to copy back with their bytes; keys to hide, only when asked), the user confirms, the run
 * shows that it is working, and the result says what was done, what failed (per key) and what never ran.
 */
import { useStore } from 'zustand';
import { s3Uri } from '../../../../shared/keys';
import type { RestorePlan, UndeletePlan } from '../../../../shared/versions';
import { formatExactBytes, formatIsoDate, formatSize, plural } from '../../lib/format';
import { Modal, ModalTitle } from '../../ui/Modal';
import { ErrorText } from './ErrorText';
import { type PlanView, type RecoveryStore, reportSentence } from './recovery-store';

const SHOWN_FAILURES = 50;

function Counts({ view }: { readonly view: PlanView }) {
  if (view.kind === 'undelete') {
    const plan = view.plan as UndeletePlan;
    return (
      <p data-testid="plan-counts" data-markers={plan.markers}>
        {plan.markers === 0
          ? 'Nothing to undelete: none of the selected items has a current delete marker (they may have been undeleted meanwhile).'
          : `Remove exactly ${plural(plan.markers, 'delete marker')}. The version before each marker becomes current again; no other version is touched.`}
      </p>
    );
  }
  const plan = view.plan as RestorePlan;
  return (
    <p data-testid="plan-counts" data-copies={plan.copies} data-hides={plan.hides} data-bytes={plan.bytes}>
      {plan.copies === 0 && plan.hides === 0
        ? 'Nothing to restore: the folder already matches that moment.'
        : `Copy back ${plural(plan.copies, 'version')} (${formatSize(plan.bytes)}, ${formatExactBytes(plan.bytes)}) as new current versions${plan.hides > 0 ? ` and hide ${plural(plan.hides, 'file')} created since with delete markers` : ''}. No version is deleted: today's versions stay in each file's history.`}
    </p>
  );
}

function Sample({ keys, total }: { readonly keys: readonly string[]; readonly total: number }) {
  if (keys.length === 0) return null;
  return (
    <details>
      <summary>{total > keys.length ? `First ${keys.length} of ${total}` : 'Keys'}</summary>
      <ul className="ops-keys">
        {keys.map((k) => (
          <li key={k}>{k}</li>
        ))}
      </ul>
    </details>
  );
}

export function PlanDialog({ store }: { readonly store: RecoveryStore }) {
  const view = useStore(store, (s) => s.plan);
  if (!view) return null;
  const a = store.getState();
  const where = s3Uri(view.place.bucket, view.place.prefix);
  const restore = view.kind === 'restore' ? (view.plan as RestorePlan | null) : null;
  const steps = view.plan ? (view.kind === 'undelete' ? (view.plan as UndeletePlan).markers : (restore?.copies ?? 0) + (restore?.hides ?? 0)) : 0;
  const title =
    view.kind === 'undelete'
      ? `Undelete ${plural(view.items.length, 'item')} in ${where}`
      : `Restore ${where} to ${restore ? formatIsoDate(restore.at) : 'that time'}`;
  return (
    <Modal onCancel={() => view.stage !== 'running' && a.closePlan()} role="alertdialog" className="ops-dialog" testId="versions-plan" backdropTestId="versions-plan-backdrop">
      <ModalTitle>{title}</ModalTitle>
      <div data-testid="plan-stage" data-stage={view.stage}>
        {view.stage === 'planning' ? (
          <p className="ops-planning">
            <span className="spinner" aria-hidden="true" /> Counting exactly what will change…
          </p>
        ) : null}
        {view.plan && view.stage === 'ready' ? (
          <>
            <Counts view={view} />
            <Sample keys={view.plan.sample} total={steps} />
          </>
        ) : null}
        {view.kind === 'restore' && (view.stage === 'ready' || view.stage === 'planning') ? (
          <label className="plan-option">
            <span>
              <input type="checkbox" checked={view.hideNewer} onChange={(e) => void a.setHideNewer(e.target.checked)} data-testid="plan-hide-newer" /> Also hide files
              created since then (adds delete markers; they stay recoverable)
            </span>
          </label>
        ) : null}
        {view.stage === 'running' ? (
          <div role="status" data-testid="plan-progress" data-done={view.progress?.done ?? 0} data-total={view.progress?.total ?? steps}>
            <p className="ops-planning">
              <span className="spinner" aria-hidden="true" /> {view.kind === 'undelete' ? `Removing ${plural(steps, 'delete marker')}…` : `Restoring ${plural(steps, 'file')}…`}
            </p>
            {view.progress ? (
              <>
                <progress max={Math.max(1, view.progress.total)} value={view.progress.done + view.progress.failed} />
                <p data-testid="plan-progress-text">
                  {view.progress.done} of {view.progress.total} done{view.progress.failed > 0 ? `, ${view.progress.failed} failed` : ''}
                  {view.progress.bytesTotal > 0 ? ` · ${formatSize(view.progress.bytesDone)} of ${formatSize(view.progress.bytesTotal)}` : ''}
                  {view.cancelling ? ' · cancelling after the steps in flight…' : ''}
                </p>
              </>
            ) : null}
          </div>
        ) : null}
        {view.stage === 'done' && view.report ? (
          <div role="status" data-testid="plan-report" data-done={view.report.done} data-failed={view.report.failed.length} data-not-run={view.report.notRun}>
            <p>{reportSentence(view.kind, view.report)}</p>
            {view.report.failed.length > 0 ? (
              <ul className="ops-keys" data-testid="plan-failures">
                {view.report.failed.slice(0, SHOWN_FAILURES).map((f) => (
                  <li key={`${f.key}\0${f.versionId}`}>
                    {f.key}: {f.code} {f.message}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
        {view.error ? <ErrorText error={view.error} testId="plan-error" /> : null}
      </div>
      <div className="ops-buttons">
        {view.stage === 'done' || view.stage === 'error' ? (
          <button type="button" onClick={a.closePlan} autoFocus data-testid="plan-close">
            Close
          </button>
        ) : (
          <>
            {view.stage === 'running' ? (
              <button type="button" onClick={() => void a.cancelPlan()} disabled={view.cancelling} data-testid="plan-stop">
                {view.cancelling ? 'Cancelling…' : 'Cancel run'}
              </button>
            ) : (
              <button type="button" onClick={a.closePlan} autoFocus data-testid="plan-cancel">
                Cancel
              </button>
            )}
            <button type="button" disabled={view.stage !== 'ready' || steps === 0} onClick={() => void a.runPlan()} data-testid="plan-ok">
              {view.kind === 'undelete' ? 'Undelete' : 'Restore'}
            </button>
          </>
        )}
      </div>
    </Modal>
  );
}
