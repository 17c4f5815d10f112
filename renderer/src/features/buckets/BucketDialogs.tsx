import { useStore } from 'zustand';
import type { BucketDetails, Setting } from '../../../../shared/buckets';
import { Modal, ModalTitle } from '../../ui/Modal';
import type { BucketsStore } from './buckets-store';
import './buckets.css';

function show<T>(s: Setting<T>, text: (v: T) => string): string {
  return s.ok ? text(s.value) : `Not readable: ${s.error.message}`;
}

function Details({ d }: { readonly d: BucketDetails }) {
  return (
    <dl className="bucket-facts" data-testid="bucket-facts">
      <dt>Region</dt>
      <dd data-testid="bucket-region">{show(d.region, (r) => r)}</dd>
      <dt>Versioning</dt>
      <dd data-testid="bucket-versioning">{show(d.versioning, (v) => (v === 'never' ? 'Never enabled' : v === 'enabled' ? 'Enabled' : 'Suspended'))}</dd>
      <dt>Default encryption</dt>
      <dd data-testid="bucket-encryption">{show(d.encryption, (e) => (e ? `${e.algorithm}${e.kmsKeyId ? ` (${e.kmsKeyId})` : ''}${e.bucketKey ? ', bucket key' : ''}` : 'None'))}</dd>
      <dt>Public access block</dt>
      <dd data-testid="bucket-pab">
        {show(d.publicAccessBlock, (p) =>
          p ? (Object.entries(p).filter(([, on]) => on).map(([k]) => k).join(', ') || 'All off') : 'None set',
        )}
      </dd>
    </dl>
  );
}

/** New bucket… and Bucket info… (with Delete bucket for an empty one), for the tab whose store this is. */
export function BucketDialogs({ store }: { readonly store: BucketsStore }) {
  const create = useStore(store, (s) => s.create);
  const info = useStore(store, (s) => s.info);
  const a = store.getState();
  if (create) {
    return (
      <Modal onCancel={a.close} className="bucket-dialog" testId="bucket-new">
        <ModalTitle>New bucket</ModalTitle>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void a.submitNew();
          }}
        >
          <label>
            <span>Name</span>
            <input value={create.name} onChange={(e) => a.setName(e.target.value)} autoFocus data-testid="bucket-new-name" />
          </label>
          <label>
            <span>Region</span>
            <input value={create.region} onChange={(e) => a.setRegion(e.target.value)} data-testid="bucket-new-region" />
          </label>
          {create.problem ? (
            <p className="bucket-error" role="alert" data-testid="bucket-new-problem">
              {create.problem}
            </p>
          ) : null}
          {create.error ? (
            <p className="bucket-error" role="alert" data-code={create.error.code} data-testid="bucket-new-error">
              {create.error.title}: {create.error.message}
            </p>
          ) : null}
          <div className="bucket-buttons">
            <button type="button" onClick={a.close}>
              Cancel
            </button>
            <button type="submit" disabled={create.busy || create.name === '' || create.problem !== null} data-testid="bucket-new-ok">
              {create.busy ? 'Creating…' : 'Create'}
            </button>
          </div>
        </form>
      </Modal>
    );
  }
  if (!info) return null;
  return (
    <Modal onCancel={a.close} className="bucket-dialog" testId="bucket-info" role={info.confirmDelete ? 'alertdialog' : 'dialog'}>
      <ModalTitle>Bucket {info.bucket}</ModalTitle>
      {info.status === 'loading' ? <p>Reading the bucket’s settings…</p> : null}
      {info.details ? <Details d={info.details} /> : null}
      {info.error ? (
        <p className="bucket-error" role="alert" data-code={info.error.code} data-testid="bucket-info-error">
          {info.error.title}: {info.error.message}
        </p>
      ) : null}
      {info.confirmDelete ? (
        <p data-testid="bucket-delete-confirm">
          Delete the bucket “{info.bucket}”? S3 deletes it only if it holds nothing (no objects, versions or delete markers). This
          cannot be undone, and the name may be taken by someone else afterwards.
        </p>
      ) : null}
      <div className="bucket-buttons">
        {info.confirmDelete ? (
          <>
            <button type="button" onClick={() => a.askDelete(false)} autoFocus>
              Keep it
            </button>
            <button type="button" className="danger" disabled={info.busy} onClick={() => void a.confirmDelete()} data-testid="bucket-delete-ok">
              {info.busy ? 'Deleting…' : 'Delete bucket'}
            </button>
          </>
        ) : (
          <>
            <button type="button" onClick={() => a.askDelete(true)} data-testid="bucket-delete">
              Delete bucket…
            </button>
            <button type="button" onClick={a.close} data-testid="bucket-info-close" autoFocus>
              Close
            </button>
          </>
        )}
      </div>
    </Modal>
  );
}
