/**
 * The buckets feature's dialogs, one at a time: New bucket, Bucket info (settings, versioning Enable / Suspend,
 * the setting editors, Delete bucket, Empty and delete), a setting's editor, and the Empty and delete plan.
 */
import { useStore } from 'zustand';
import { CONFIG_KINDS, CONFIG_LABELS } from '../../../../shared/bucket-config';
import type { BucketDetails, Setting } from '../../../../shared/buckets';
import { Modal, ModalTitle } from '../../ui/Modal';
import { VERSIONING_CONFIRM } from '../versions';
import { BucketError } from './BucketError';
import type { BucketInfoDialog, BucketsStore } from './buckets-store';
import { ConfigEditorDialog } from './ConfigEditorDialog';
import { EmptyBucketDialog } from './EmptyBucketDialog';
import './buckets.css';

function show<T>(s: Setting<T>, text: (v: T) => string): string {
  return s.ok ? text(s.value) : `Not readable: ${s.error.message}`;
}

function lockText(l: NonNullable<Extract<BucketDetails['objectLock'], { ok: true }>['value']>): string {
  if (!l.enabled) return 'Not enabled';
  if (!l.mode) return 'Enabled, no default retention';
  return `Enabled, default ${l.mode} for ${l.days !== null ? plural(l.days, 'day') : plural(l.years ?? 0, 'year')}`;
}

const plural = (n: number, one: string) => `${n.toLocaleString()} ${one}${n === 1 ? '' : 's'}`;

function Details({ d, store, info }: { readonly d: BucketDetails; readonly store: BucketsStore; readonly info: BucketInfoDialog }) {
  const a = store.getState();
  const v = d.versioning.ok ? d.versioning.value : null;
  const asking = info.confirmDelete || info.confirmVersioning !== null;
  return (
    <dl className="bucket-facts" data-testid="bucket-facts">
      <dt>Region</dt>
      <dd data-testid="bucket-region">{show(d.region, (r) => r)}</dd>
      <dt>Versioning</dt>
      <dd className="bucket-fact-action">
        <span data-testid="bucket-versioning">{show(d.versioning, (x) => (x === 'never' ? 'Never enabled' : x === 'enabled' ? 'Enabled' : 'Suspended'))}</span>
        {v !== null && !asking ? (
          v === 'enabled' ? (
            <button type="button" onClick={() => a.askVersioning('suspend')} data-testid="bucket-versioning-suspend">
              Suspend…
            </button>
          ) : (
            <button type="button" onClick={() => a.askVersioning('enable')} data-testid="bucket-versioning-enable">
              Enable…
            </button>
          )
        ) : null}
      </dd>
      <dt>Default encryption</dt>
      <dd data-testid="bucket-encryption">{show(d.encryption, (e) => (e ? `${e.algorithm}${e.kmsKeyId ? ` (${e.kmsKeyId})` : ''}${e.bucketKey ? ', bucket key' : ''}` : 'None'))}</dd>
      <dt>Public access block</dt>
      <dd data-testid="bucket-pab">
        {show(d.publicAccessBlock, (p) =>
          p ? (Object.entries(p).filter(([, on]) => on).map(([k]) => k).join(', ') || 'All off') : 'None set',
        )}
      </dd>
      <dt>Object lock</dt>
      <dd data-testid="bucket-object-lock">{show(d.objectLock, (l) => (l ? lockText(l) : 'Not enabled'))}</dd>
      <dt>Owner</dt>
      <dd data-testid="bucket-owner">{show(d.owner, (o) => (o.displayName ? `${o.displayName} (${o.id})` : o.id || 'Not given by the server'))}</dd>
    </dl>
  );
}

/** New bucket… and Bucket info… (with Delete bucket for an empty one), for the tab whose store this is. */
export function BucketDialogs({ store }: { readonly store: BucketsStore }) {
  const create = useStore(store, (s) => s.create);
  const info = useStore(store, (s) => s.info);
  const editor = useStore(store, (s) => s.editor);
  const empty = useStore(store, (s) => s.empty);
  const a = store.getState();
  if (editor) return <ConfigEditorDialog store={store} editor={editor} />;
  if (empty) return <EmptyBucketDialog store={store} d={empty} />;
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
      {info.details ? <Details d={info.details} store={store} info={info} /> : null}
      {info.details && !info.confirmDelete && !info.confirmVersioning ? (
        <div className="bucket-settings" role="group" aria-label="Edit settings">
          {CONFIG_KINDS.map((kind) => (
            <button key={kind} type="button" onClick={() => void a.openEditor(info.connectionId, info.bucket, kind)} data-testid={`bucket-edit-${kind}`}>
              {CONFIG_LABELS[kind]}…
            </button>
          ))}
        </div>
      ) : null}
      {info.notice ? (
        <p role="status" data-testid="bucket-notice">
          {info.notice}
        </p>
      ) : null}
      {info.error ? <BucketError error={info.error} testId="bucket-info-error" /> : null}
      {info.confirmVersioning ? (
        <div role="alert" data-testid="bucket-versioning-confirm">
          <p>{VERSIONING_CONFIRM[info.confirmVersioning](info.bucket)}</p>
          <div className="bucket-buttons">
            <button type="button" onClick={() => a.askVersioning(null)} autoFocus>
              Cancel
            </button>
            <button type="button" disabled={info.busy} onClick={() => void a.confirmVersioning()} data-testid="bucket-versioning-confirm-ok">
              {info.confirmVersioning === 'enable' ? 'Enable versioning' : 'Suspend versioning'}
            </button>
          </div>
        </div>
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
        ) : info.confirmVersioning ? null : (
          <>
            <button type="button" onClick={() => void a.openEmpty(info.connectionId, info.bucket)} data-testid="bucket-empty-open">
              Empty and delete…
            </button>
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
