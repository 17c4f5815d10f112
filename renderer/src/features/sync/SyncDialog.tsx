/** Compare a local folder or another prefix with the current one: progress, groups with counts and bytes, rows with reasons, a plan. */
import { useState } from 'react';
import { useStore } from 'zustand';
import { SYNC_GROUPS, type SyncActionKind, type SyncDirection, type SyncGroup, type SyncLocation } from '../../../../shared/sync';
import { formatSize, plural } from '../../lib/format';
import { Modal, ModalTitle } from '../../ui/Modal';
import { type SyncStore, visibleRows } from './sync-store';
import './sync.css';

const GROUP_LABELS: Record<SyncGroup, string> = {
  'left-only': 'Left only',
  'right-only': 'Right only',
  different: 'Different',
  same: 'Same',
  unverified: 'Unverified',
  excluded: 'Excluded',
};

const DIRECTIONS: Record<SyncDirection, string> = {
  'make-right': 'Make right like left',
  'make-left': 'Make left like right',
  both: 'Both ways (newer wins)',
};

const ACTION_LABELS: Record<SyncActionKind, string> = {
  upload: 'upload',
  download: 'download',
  copy: 'copy',
  'delete-local': 'delete local',
  'delete-s3': 'delete in S3',
};

/** Rows drawn at most; the filter narrows the rest. */
const ROW_LIMIT = 500;

const describe = (loc: SyncLocation | null) =>
  loc === null ? 'not chosen' : loc.kind === 'local' ? loc.path : `s3://${loc.bucket}/${loc.prefix}`;

export function SyncDialog({ store }: { readonly store: SyncStore }) {
  const s = useStore(store);
  const [pairName, setPairName] = useState('');
  if (!s.open) return null;
  const rows = visibleRows(s);
  return (
    <Modal onCancel={s.close} className="sync-dialog" testId="sync-dialog">
      <ModalTitle>Compare and sync</ModalTitle>
      <div className="sync-sides">
        <label>
          Left (local folder or s3://bucket/prefix/)
          <input data-testid="sync-left" value={s.leftText} onChange={(e) => s.setLeftPath(e.target.value)} />
        </label>
        <button type="button" onClick={() => void s.pickLeft()}>Choose…</button>
        {s.left?.kind === 's3' ? (
          <label>
            on connection{' '}
            <select aria-label="Left connection" data-testid="sync-left-connection" value={s.leftConnectionId ?? ''} onChange={(e) => s.setLeftConnection(e.target.value)}>
              {s.connections.map((c) => (
                <option key={c.id} value={c.id}>{c.name}</option>
              ))}
            </select>
          </label>
        ) : null}
        <div>Right: <span data-testid="sync-right">{describe(s.right)}</span></div>
        <label>
          <input type="checkbox" checked={s.mode === 'time'} onChange={(e) => s.setMode(e.target.checked ? 'time' : 'content')} /> Compare by size and time only (content not checked)
        </label>
        <button type="button" data-testid="sync-compare" disabled={!s.left || !s.right || s.busy !== null} onClick={() => void s.compare()}>
          {s.busy === 'compare' ? 'Comparing…' : 'Compare'}
        </button>
        {s.busy === 'compare' || (s.busy === 'run' && s.applyProgress) ? (
          <button type="button" data-testid="sync-cancel" onClick={() => void s.cancel()}>Cancel</button>
        ) : null}
      </div>
      {s.busy === 'compare' && s.progress ? (
        <p className="sync-progress" role="status" data-testid="sync-progress">
          {s.progress.phase === 'listing' ? 'Listing' : 'Comparing'}: {s.progress.leftListed.toLocaleString()} left, {s.progress.rightListed.toLocaleString()} right listed
          {s.progress.filesToHash > 0
            ? ` · hashed ${s.progress.filesHashed.toLocaleString()} of ${plural(s.progress.filesToHash, 'file')} (${formatSize(s.progress.bytesHashed)} of ${formatSize(s.progress.bytesToHash)}, ${formatSize(s.progress.hashRate)}/s)`
            : ''}
          {s.progress.checksumRequests > 0 ? ` · ${plural(s.progress.checksumRequests, 'stored checksum')} read` : ''}
        </p>
      ) : null}
      {s.busy === 'run' && s.applyProgress ? (
        <p className="sync-progress" role="status" data-testid="sync-apply-progress">
          Copied {s.applyProgress.done} of {s.applyProgress.total} ({formatSize(s.applyProgress.bytesDone)} of {formatSize(s.applyProgress.bytesTotal)})
          {s.applyProgress.failed > 0 ? `, ${s.applyProgress.failed} failed` : ''}
        </p>
      ) : null}
      {s.error ? <p role="alert" className="sync-error">{s.error.title}: {s.error.message} {s.error.detail}</p> : null}
      {s.pairs.length > 0 ? (
        <ul className="sync-pairs" aria-label="Saved pairs">
          {s.pairs.map((p) => (
            <li key={p.id}>
              <button type="button" onClick={() => void s.usePair(p)}>{p.name}</button>
              {p.last ? <span> last: {p.last.groups.different.count + p.last.groups['left-only'].count + p.last.groups['right-only'].count} to sync</span> : null}
              <button type="button" aria-label={`Forget ${p.name}`} onClick={() => void s.deletePair(p.id)}>×</button>
            </li>
          ))}
        </ul>
      ) : null}
      {s.result ? (
        <>
          <div className="sync-groups" role="tablist">
            <button type="button" role="tab" aria-selected={s.group === 'all'} onClick={() => s.setGroup('all')}>All ({s.result.rows.length})</button>
            {SYNC_GROUPS.map((g) => (
              <button key={g} type="button" role="tab" data-testid={`sync-group-${g}`} aria-selected={s.group === g} onClick={() => s.setGroup(g)}>
                {GROUP_LABELS[g]} <span className="sync-count">{s.result?.groups[g].count ?? 0}</span> · {formatSize(s.result?.groups[g].bytes ?? 0)}
              </button>
            ))}
          </div>
          <p className="sync-hashing">
            Hashed {plural(s.result.hashing.files, 'local file')} ({formatSize(s.result.hashing.bytes)}) in {s.result.hashing.ms} ms off the main thread
            {s.result.hashing.files === 0 ? ' (only files whose size matches are hashed)' : ''}; {plural(s.result.checksumRequests, 'stored-checksum request')}, no HeadObject per file.
          </p>
          <input aria-label="Filter keys" placeholder="Filter keys" value={s.text} onChange={(e) => s.setText(e.target.value)} />
          <table className="sync-rows">
            <tbody>
              {rows.slice(0, ROW_LIMIT).map((r) => (
                <tr key={`${r.group}:${r.key}`} data-testid="sync-row" data-group={r.group}>
                  <td>{r.key}</td>
                  <td>{GROUP_LABELS[r.group]}</td>
                  <td>{r.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {rows.length > ROW_LIMIT ? <p>{rows.length - ROW_LIMIT} more rows; filter to see them.</p> : null}
          <div className="sync-plan-form">
            <select aria-label="Direction" value={s.direction} onChange={(e) => s.setDirection(e.target.value as SyncDirection)}>
              {Object.entries(DIRECTIONS).map(([d, label]) => (
                <option key={d} value={d}>{label}</option>
              ))}
            </select>
            <label>
              <input type="checkbox" checked={s.deleteExtras} onChange={(e) => s.setDeleteExtras(e.target.checked)} /> Delete extras on the side being changed
            </label>
            <button type="button" data-testid="sync-plan" disabled={s.busy !== null} onClick={() => void s.makePlan()}>Plan</button>
            <label>
              <input type="checkbox" data-testid="sync-dry-run" checked={s.dryRun} onChange={(e) => s.setDryRun(e.target.checked)} /> Dry run (show the plan only)
            </label>
          </div>
          <span>
            <input aria-label="Pair name" placeholder="Save as pair…" value={pairName} onChange={(e) => setPairName(e.target.value)} />
            <button type="button" disabled={pairName.trim() === ''} onClick={() => void s.savePair(pairName)}>Save pair</button>
          </span>
        </>
      ) : null}
      {s.plan ? (
        <div className="sync-plan" data-testid="sync-plan-summary">
          <p>
            {Object.entries(s.plan.totals)
              .filter(([, t]) => t.count > 0)
              .map(([k, t]) => `${t.count} ${ACTION_LABELS[k as SyncActionKind]} (${formatSize(t.bytes)})`)
              .join(', ') || 'Nothing to do.'}{' '}
            {s.plan.deleteExtras ? 'Extras will be deleted.' : 'Nothing is deleted.'} {s.plan.skipped.length > 0 ? `${s.plan.skipped.length} left out (see their reasons above).` : ''}
          </p>
          <button type="button" data-testid="sync-apply" disabled={s.dryRun || s.busy !== null || s.plan.actions.length === 0} onClick={() => void s.run()}>
            Apply plan
          </button>
        </div>
      ) : null}
      {s.outcome ? (
        <p data-testid="sync-outcome">
          {s.outcome.cancelled ? 'Cancelled: ' : ''}Queued {s.outcome.queued}, copied {s.outcome.copied}, deleted {s.outcome.deleted}
          {s.outcome.failed.length > 0 ? `, ${s.outcome.failed.length} failed: ${s.outcome.failed.map((f) => `${f.key} (${f.message})`).join('; ')}` : ''}. Compare again when the transfers finish{s.outcome.cancelled ? ' to resume with what still differs' : ''}.
        </p>
      ) : null}
      <button type="button" onClick={s.close}>Close</button>
    </Modal>
  );
}
