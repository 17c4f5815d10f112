import { useEffect, useMemo } from 'react';
import { useStore } from 'zustand';
import { ConflictDialog } from './ConflictDialog';
import type { IncompleteUploadsStore } from './incomplete-uploads-store';
import { type IncompleteUploadsCommand, IncompleteUploadsButton } from './IncompleteUploadsButton';
import { IncompleteUploadsDialog } from './IncompleteUploadsDialog';
import { UploadOptionsDialog } from './UploadOptionsDialog';
import { RestoreDownloadDialog } from './RestoreDownloadDialog';
import type { UploadOptionsStore } from './upload-options-store';
import { selectItems } from './selectors';
import { TransferPanel } from './TransferPanel';
import type { TransfersStore } from './transfers-store';
import { UnfinishedNotice } from './UnfinishedNotice';

/** The transfer feature's visible part: unfinished-transfers notice, message banner, conflict question, and the (collapsible) panel. */
export function TransfersDock({
  store,
  incomplete,
  uploadOptions,
  incompleteCommand,
}: {
  store: TransfersStore;
  incomplete?: IncompleteUploadsStore;
  /** The "Upload with options…" form. */
  uploadOptions?: UploadOptionsStore;
  /** The registry's `incomplete-uploads` command, for the panel's "Incomplete uploads…" button. */
  incompleteCommand?: IncompleteUploadsCommand;
}) {
  const order = useStore(store, (s) => s.order);
  const byId = useStore(store, (s) => s.byId);
  const totals = useStore(store, (s) => s.totals);
  const question = useStore(store, (s) => s.question);
  const message = useStore(store, (s) => s.message);
  const error = useStore(store, (s) => s.error);
  const panelOpen = useStore(store, (s) => s.panelOpen);
  const unfinished = useStore(store, (s) => s.unfinished);
  const restoreAsk = useStore(store, (s) => s.restoreAsk);
  const actions = store.getState();
  const items = useMemo(() => selectItems({ ...store.getState(), order, byId }), [order, byId, store]);

  useEffect(() => {
    let stop: (() => void) | undefined;
    let cancelled = false;
    void store
      .getState()
      .start()
      .then((unsubscribe) => {
        if (cancelled) unsubscribe();
        else stop = unsubscribe;
      });
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [store]);

  return (
    <div data-testid="transfers-dock">
      {unfinished && (
        <UnfinishedNotice report={unfinished} onResumeAll={() => void actions.resumeUnfinished()} onDiscardAll={() => void actions.discardUnfinished()} />
      )}
      {(message || error) && (
        <div
          role={error ? 'alert' : 'status'}
          data-testid="transfer-message"
          data-code={error?.code}
          title={error?.detail || undefined}
          style={{ padding: '4px 8px', background: 'var(--warning-bg)', color: 'var(--warning)', display: 'flex', gap: 8 }}
        >
          <span style={{ flex: 1 }}>
            {error && <strong>{error.title}: </strong>}
            {error?.message}
            {error && message ? ' ' : ''}
            {message}
          </span>
          <button type="button" aria-label="Dismiss" onClick={actions.dismissMessage}>
            ×
          </button>
        </div>
      )}
      {question && <ConflictDialog question={question} onAnswer={actions.answer} />}
      {incomplete && <IncompleteUploadsDialog store={incomplete} />}
      {uploadOptions && <UploadOptionsDialog store={uploadOptions} />}
      {restoreAsk && <RestoreDownloadDialog objectKey={restoreAsk.key} onAnswer={(r) => void actions.answerRestore(r)} />}
      {panelOpen ? (
        <div style={{ height: 240 }}>
          <TransferPanel
            items={items}
            totals={totals}
            onCancel={(ids) => void actions.cancel(ids)}
            onRetry={(ids) => void actions.retry(ids)}
            onPause={(ids) => void actions.pause(ids)}
            onResume={(ids) => void actions.resume(ids)}
            onClearFinished={() => void actions.clearFinished()}
            onClose={() => actions.setPanelOpen(false)}
            onReveal={(id, how) => void actions.reveal(id, how)}
            onRestore={actions.askRestore}
            headerExtra={incompleteCommand ? <IncompleteUploadsButton command={incompleteCommand} /> : undefined}
          />
        </div>
      ) : (
        totals.items > 0 && (
          <button type="button" data-testid="transfer-show" onClick={() => actions.setPanelOpen(true)}>
            Transfers: {totals.running + totals.queued} active, {totals.done} done{totals.paused ? `, ${totals.paused} paused` : ''}
            {totals.failed ? `, ${totals.failed} failed` : ''}
          </button>
        )
      )}
    </div>
  );
}
