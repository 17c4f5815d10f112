/**
 * Empty and delete (issue 15): counting with a Cancel, then the plan — exact counts, the requests already sent
 * and those the run will send, the cost — confirmed by typing the bucket's name; the run with progress and
 * Cancel; and a report that names every version the server refused.
 */
import { formatSize, plural } from '../../lib/format';
import { Modal, ModalTitle } from '../../ui/Modal';
import { CostSummary } from '../operations';
import { BucketError } from './BucketError';
import type { BucketsStore } from './buckets-store';
import type { EmptyDialog } from './empty-bucket';

const REPORT: Readonly<Record<'deleted' | 'emptied-not-deleted' | 'partial' | 'cancelled', string>> = {
  deleted: 'The bucket was emptied and deleted.',
  'emptied-not-deleted': 'Every planned version was deleted, but the bucket was not.',
  partial: 'Some versions could not be deleted, so the bucket was kept.',
  cancelled: 'Cancelled: what was not yet deleted is still there, and so is the bucket.',
};

function Plan({ d }: { readonly d: EmptyDialog & { plan: NonNullable<EmptyDialog['plan']> } }) {
  const p = d.plan;
  return (
    <>
      <ul data-testid="bucket-empty-counts">
        <li>{plural(p.objects, 'current object')}</li>
        <li>{plural(p.noncurrentVersions, 'older version')}</li>
        <li>{plural(p.deleteMarkers, 'delete marker')}</li>
        <li>{plural(p.incompleteUploads, 'incomplete upload')}</li>
      </ul>
      <p data-testid="bucket-empty-size">{formatSize(p.bytes)} in all versions.</p>
      <p data-testid="bucket-empty-requests">
        Counting sent {plural(p.listRequests, 'listing request')}. The run sends {plural(p.requests.abortUploads, 'AbortMultipartUpload request')},{' '}
        {plural(p.requests.deleteObjects, 'DeleteObjects request')} (1,000 versions each) and 1 DeleteBucket.
      </p>
      {p.sample.length > 0 ? (
        <details>
          <summary>Keys (first {p.sample.length})</summary>
          <ul className="bucket-keys">
            {p.sample.map((k) => (
              <li key={k}>{k}</li>
            ))}
          </ul>
        </details>
      ) : null}
      <CostSummary estimate={p.estimate} />
    </>
  );
}

export function EmptyBucketDialog({ store, d }: { readonly store: BucketsStore; readonly d: EmptyDialog }) {
  const a = store.getState();
  const running = d.status === 'running';
  const done = d.progress ? d.progress.done + d.progress.failed : 0;
  return (
    <Modal onCancel={running ? () => void a.cancelEmpty() : a.closeEmpty} className="bucket-dialog" testId="bucket-empty" role="alertdialog">
      <ModalTitle>Empty and delete {d.bucket}</ModalTitle>
      {d.status === 'counting' ? (
        <p role="status" data-testid="bucket-empty-counting">
          Counting every version, delete marker and incomplete upload…{d.counted ? ` ${d.counted.objects.toLocaleString()} so far (${formatSize(d.counted.bytes)}).` : ''}
        </p>
      ) : null}
      {d.plan && (d.status === 'ready' || running) ? <Plan d={{ ...d, plan: d.plan }} /> : null}
      {d.status === 'ready' ? (
        <label className="bucket-confirm-name">
          <span>
            This deletes every object, version and delete marker for good, then the bucket itself; it cannot be undone, and the name may be
            taken by someone else afterwards. Type <b>{d.bucket}</b> to confirm:
          </span>
          <input value={d.typed} onChange={(e) => a.setTyped(e.target.value)} autoFocus data-testid="bucket-empty-typed" />
        </label>
      ) : null}
      {running ? (
        <div data-testid="bucket-empty-progress">
          <progress max={d.progress?.total ?? 1} value={done} aria-label="Deleted so far" />
          <p role="status">
            {done.toLocaleString()} of {(d.progress?.total ?? 0).toLocaleString()} done{d.progress?.failed ? `, ${d.progress.failed.toLocaleString()} failed` : ''}
            {d.cancelling ? ' — cancelling after the request in flight…' : ''}
          </p>
        </div>
      ) : null}
      {d.report ? (
        <div data-testid="bucket-empty-report" data-status={d.report.status}>
          <p role="status">
            {REPORT[d.report.status]} {plural(d.report.removed, 'version')} and markers removed
            {d.report.uploadsAborted ? `, ${plural(d.report.uploadsAborted, 'upload')} aborted` : ''}
            {d.report.notRun ? `; ${d.report.notRun.toLocaleString()} not attempted` : ''}.
          </p>
          {d.report.bucketError ? <p className="bucket-error" role="alert">{d.report.bucketError.message}</p> : null}
          {d.report.failed.length > 0 ? (
            <ul className="bucket-keys" data-testid="bucket-empty-failed">
              {d.report.failed.map((f) => (
                <li key={`${f.key}\0${f.versionId}`}>
                  {f.key} ({f.versionId}): {f.code} {f.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {d.error ? <BucketError error={d.error} testId="bucket-empty-error" /> : null}
      <div className="bucket-buttons">
        {d.status === 'counting' || running ? (
          <button type="button" onClick={() => void a.cancelEmpty()} disabled={d.cancelling} data-testid="bucket-empty-cancel">
            Cancel
          </button>
        ) : d.status === 'ready' ? (
          <>
            <button type="button" onClick={a.closeEmpty}>
              Keep it
            </button>
            <button type="button" className="danger" disabled={d.typed !== d.bucket} onClick={() => void a.runEmpty()} data-testid="bucket-empty-run">
              Empty and delete
            </button>
          </>
        ) : (
          <button type="button" onClick={a.closeEmpty} data-testid="bucket-empty-close" autoFocus>
            Close
          </button>
        )}
      </div>
    </Modal>
  );
}
