import { useStore } from 'zustand';
import { STORAGE_CLASSES } from '../../../../shared/properties';
import { plural } from '../../lib/format';
import { Modal, ModalTitle } from '../../ui/Modal';
import { PairsEditor } from '../../ui/PairsEditor';
import { draftProblems, type EncryptionChoice } from './upload-options-draft';
import type { UploadOptionsActions, UploadOptionsState, UploadOptionsStore } from './upload-options-store';
import './upload-options.css';

/** File names shown before "and N more". */
const SHOWN_FILES = 8;

export type UploadOptionsViewProps = Pick<UploadOptionsState, 'paths' | 'draft' | 'saveDefaults' | 'busy' | 'error'> & {
  readonly target: NonNullable<UploadOptionsState['target']>;
  readonly actions: Omit<UploadOptionsActions, 'open'>;
};

/** The connected dialog: up while the store has a target. */
export function UploadOptionsDialog({ store }: { store: UploadOptionsStore }) {
  const target = useStore(store, (s) => s.target);
  const paths = useStore(store, (s) => s.paths);
  const draft = useStore(store, (s) => s.draft);
  const saveDefaults = useStore(store, (s) => s.saveDefaults);
  const busy = useStore(store, (s) => s.busy);
  const error = useStore(store, (s) => s.error);
  if (!target) return null;
  return <UploadOptionsView target={target} paths={paths} draft={draft} saveDefaults={saveDefaults} busy={busy} error={error} actions={store.getState()} />;
}

const baseName = (p: string) => p.split(/[\\/]/).filter(Boolean).pop() ?? p;

/** Storage class, encryption, content type, metadata and tags of the files about to be uploaded. */
export function UploadOptionsView({ target, paths, draft, saveDefaults, busy, error, actions }: UploadOptionsViewProps) {
  const problems = draftProblems(draft);
  const where = `s3://${target.bucket}/${target.prefix}`;
  return (
    <Modal onCancel={actions.close} className="upopts-dialog" testId="upload-options">
      <ModalTitle>Upload {plural(paths.length, 'file')} with options</ModalTitle>
      <p>
        Into <code data-testid="upopts-target">{where}</code>:
      </p>
      <ul className="upopts-files" data-testid="upopts-files">
        {paths.slice(0, SHOWN_FILES).map((p) => (
          <li key={p}>{baseName(p)}</li>
        ))}
        {paths.length > SHOWN_FILES ? <li>and {paths.length - SHOWN_FILES} more</li> : null}
      </ul>
      <fieldset className="upopts-choices">
        <legend>Storage and encryption</legend>
        <label>
          <span>Storage class</span>
          <select value={draft.storageClass} onChange={(e) => actions.update({ storageClass: e.target.value })} data-testid="upopts-class">
            <option value="">Server default (STANDARD)</option>
            {STORAGE_CLASSES.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>Encryption</span>
          <select value={draft.encryption} onChange={(e) => actions.update({ encryption: e.target.value as EncryptionChoice })} data-testid="upopts-encryption">
            <option value="bucket-default">Bucket default (sends nothing)</option>
            <option value="AES256">SSE-S3 (AES256)</option>
            <option value="aws:kms">SSE-KMS</option>
          </select>
        </label>
        {draft.encryption === 'aws:kms' ? (
          <label>
            <span>KMS key</span>
            <input
              value={draft.kmsKeyId}
              placeholder="the bucket's default key (key id, ARN or alias/…)"
              onChange={(e) => actions.update({ kmsKeyId: e.target.value })}
              data-testid="upopts-kms-key"
            />
          </label>
        ) : null}
        <label>
          <span>Content type</span>
          <input
            value={draft.contentType}
            placeholder="guessed from each file's name"
            onChange={(e) => actions.update({ contentType: e.target.value })}
            data-testid="upopts-content-type"
          />
        </label>
      </fieldset>
      {(['metadata', 'tags'] as const).map((list) => (
        <PairsEditor
          key={list}
          testIds="upopts"
          list={list}
          title={list === 'tags' ? 'Tags' : 'User metadata'}
          rows={draft[list]}
          onAdd={() => actions.addRow(list)}
          onChange={(id, patch) => actions.changeRow(list, id, patch)}
          onDelete={(id) => actions.deleteRow(list, id)}
        />
      ))}
      {problems.length > 0 ? (
        <ul className="upopts-problems" role="alert" data-testid="upopts-problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
      {error ? (
        <p className="upopts-error" role="alert" data-testid="upopts-error">
          {error.title}: {error.message}
        </p>
      ) : null}
      <div className="upopts-buttons">
        <label>
          <input type="checkbox" checked={saveDefaults} onChange={(e) => actions.setSaveDefaults(e.target.checked)} data-testid="upopts-save-defaults" />
          Use as this connection's defaults
        </label>
        <button type="button" onClick={actions.close} data-testid="upopts-cancel">
          Cancel
        </button>
        <button type="button" className="primary" disabled={busy || problems.length > 0} onClick={() => void actions.submit()} data-testid="upopts-upload">
          Upload
        </button>
      </div>
    </Modal>
  );
}
