import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, type ReactNode } from 'react';
import { ARCHIVED_NOTE, type TransferItem, type TransferTotals } from '../../../../shared/transfers';
import { formatBytes, formatEta, formatRate, percent } from '../../lib/transfer-format';
import { DownloadActions } from './DownloadActions';
import './transfer-row.css';

export interface TransferPanelProps {
  readonly items: readonly TransferItem[];
  readonly totals: TransferTotals;
  readonly onCancel: (ids?: readonly string[]) => void;
  readonly onRetry: (ids?: readonly string[]) => void;
  readonly onPause: (ids?: readonly string[]) => void;
  readonly onResume: (ids?: readonly string[]) => void;
  readonly onClearFinished: () => void;
  readonly onClose?: () => void;
  /** Show in folder / Open on finished downloads. */
  readonly onReveal?: (id: string, how: 'show' | 'open') => void;
  /** "Restore and download…" on a download that failed because its object is archived. */
  readonly onRestore?: (item: TransferItem) => void;
  /** More header buttons (the bucket's incomplete uploads). */
  readonly headerExtra?: ReactNode;
}

const ROW_HEIGHT = 44;

const STATE_LABEL: Record<TransferItem['state'], string> = {
  queued: 'Queued',
  running: 'Transferring',
  paused: 'Paused',
  done: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
  skipped: 'Skipped',
};

/** The transfer queue: overall progress, then one virtualized row per item (10,000 rows stay smooth). */
export function TransferPanel({ items, totals, onCancel, onRetry, onPause, onResume, onClearFinished, onClose, onReveal, onRestore, headerExtra }: TransferPanelProps) {
  const scroller = useRef<HTMLDivElement>(null);
  // The React Compiler is not used; TanStack Virtual's non-memoizable API is fine under plain React.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const active = totals.running + totals.queued > 0;
  const finished = totals.done + totals.skipped + totals.cancelled > 0;
  const retryable = totals.failed + totals.cancelled > 0;
  const overall = percent(totals.bytesTransferred, totals.bytesTotal);

  return (
    <section data-testid="transfer-panel" className="transfer-panel" aria-label="Transfers" style={{ display: 'flex', flexDirection: 'column', minHeight: 0, height: '100%' }}>
      <header style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', padding: '6px 8px', borderBottom: '1px solid var(--border)', whiteSpace: 'nowrap' }}>
        <strong>Transfers</strong>
        <span data-testid="transfer-summary">
          {totals.done} of {totals.items - totals.skipped - totals.cancelled} done
          {totals.failed > 0 ? `, ${totals.failed} failed` : ''}
          {totals.skipped > 0 ? `, ${totals.skipped} skipped` : ''}
        </span>
        <progress data-testid="transfer-overall" max={100} value={overall} style={{ flex: '1 1 80px', minWidth: 80 }} aria-label="Overall progress" />
        <span data-testid="transfer-overall-bytes">
          {formatBytes(totals.bytesTransferred)} / {formatBytes(totals.bytesTotal)}
        </span>
        <span data-testid="transfer-overall-rate">{active ? formatRate(totals.rate) : ''}</span>
        <span data-testid="transfer-overall-eta">{active ? formatEta(totals.etaSeconds) : ''}</span>
        <button type="button" data-testid="transfer-pause-all" disabled={!active} onClick={() => onPause()}>
          Pause all
        </button>
        <button type="button" data-testid="transfer-resume-all" disabled={totals.paused === 0} onClick={() => onResume()}>
          Resume all
        </button>
        <button type="button" data-testid="transfer-cancel-all" disabled={!active && totals.paused === 0} onClick={() => onCancel()}>
          Cancel all
        </button>
        <button type="button" data-testid="transfer-retry-failed" disabled={!retryable} onClick={() => onRetry()}>
          Retry failed
        </button>
        {headerExtra}
        <button type="button" data-testid="transfer-clear-finished" disabled={!finished} onClick={onClearFinished}>
          Clear finished
        </button>
        {onClose && (
          <button type="button" data-testid="transfer-close" aria-label="Hide transfers" onClick={onClose}>
            ×
          </button>
        )}
      </header>
      <div ref={scroller} data-testid="transfer-list" style={{ overflow: 'auto', flex: 1, minHeight: 0 }}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((row) => {
            const item = items[row.index]!;
            return (
              <div
                key={item.id}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${row.start}px)` }}
              >
                <TransferRow item={item} actions={{ onCancel, onRetry, onPause, onResume, onReveal, onRestore }} />
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}

type RowActions = Pick<TransferPanelProps, 'onCancel' | 'onRetry' | 'onPause' | 'onResume' | 'onReveal' | 'onRestore'>;

/** One item's row (exported for its test: the panel is virtualized, so a static render draws no rows). */
export function TransferRow({ item, actions }: { item: TransferItem; actions: RowActions }) {
  const { onCancel, onRetry, onPause, onResume, onReveal, onRestore } = actions;
  const name = item.key.split('/').filter(Boolean).pop() ?? item.key;
  const detail = item.error?.message ?? item.note ?? '';
  const running = item.state === 'running';
  return (
    <div
      data-testid="transfer-row"
      data-state={item.state}
      data-key={item.key}
      className="transfer-row"
      title={`${item.direction === 'download' ? 's3://' + item.bucket + '/' + item.key + ' → ' + (item.localPath ?? '') : (item.localPath ?? 'dropped file') + ' → s3://' + item.bucket + '/' + item.key}`}
      style={{ height: ROW_HEIGHT }}
    >
      <span aria-label={item.direction}>{item.direction === 'download' ? '↓' : '↑'}</span>
      <span>
        {name}
        {detail && (
          <small data-testid="transfer-detail" style={{ display: 'block', opacity: 0.7, overflow: 'hidden', textOverflow: 'ellipsis' }}>
            {detail}
          </small>
        )}
      </span>
      <span data-testid="transfer-state">{STATE_LABEL[item.state]}</span>
      <progress max={100} value={item.state === 'done' ? 100 : percent(item.transferred, item.size)} aria-label={`${name} progress`} />
      <span>
        {formatBytes(item.transferred)}
        {item.size !== null ? ` / ${formatBytes(item.size)}` : ''}
      </span>
      <span className="transfer-rate">{running ? formatRate(item.rate) : ''}</span>
      <span className="transfer-eta">{running ? formatEta(item.etaSeconds) : ''}</span>
      <span>
        {(item.state === 'queued' || running) && (
          <button type="button" data-testid="transfer-pause" onClick={() => onPause([item.id])}>
            Pause
          </button>
        )}
        {item.state === 'paused' && (
          <button type="button" data-testid="transfer-resume" onClick={() => onResume([item.id])}>
            Resume
          </button>
        )}
        {(item.state === 'queued' || running) && (
          <button type="button" data-testid="transfer-cancel" onClick={() => onCancel([item.id])}>
            Cancel
          </button>
        )}
        {item.state === 'paused' && (
          <button type="button" data-testid="transfer-discard" title="Cancel and delete what was transferred so far" onClick={() => onCancel([item.id])}>
            Discard
          </button>
        )}
        {item.state === 'failed' && item.note === ARCHIVED_NOTE && onRestore ? (
          <button type="button" data-testid="transfer-restore" onClick={() => onRestore(item)}>
            Restore and download…
          </button>
        ) : (
          (item.state === 'failed' || item.state === 'cancelled') && (
            <button type="button" data-testid="transfer-retry" onClick={() => onRetry([item.id])}>
              Retry
            </button>
          )
        )}
        {onReveal && <DownloadActions item={item} onReveal={onReveal} />}
      </span>
    </div>
  );
}
