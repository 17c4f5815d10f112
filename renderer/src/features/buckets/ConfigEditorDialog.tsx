/**
 * One bucket setting's editor (issue 15): the JSON text, checked as typed (where it is wrong, and Review stays
 * off), then a review that shows the diff of what changes, and Save only after it.
 */
import { CONFIG_LABELS, type DiffLine } from '../../../../shared/bucket-config';
import { Modal, ModalTitle } from '../../ui/Modal';
import { type BucketsStore } from './buckets-store';
import { changesAnything, type ConfigEditor } from './config-editor';
import { BucketError } from './BucketError';

const FORMAT: Readonly<Record<ConfigEditor['kind'], string>> = {
  policy: 'The policy in IAM policy JSON.',
  cors: 'The CORS rules as JSON, in the shape `aws s3api get-bucket-cors` prints; S3’s <CORSConfiguration> XML may be pasted too.',
  lifecycle: 'The lifecycle rules as JSON, in the shape `aws s3api get-bucket-lifecycle-configuration` prints; S3’s <LifecycleConfiguration> XML may be pasted too.',
  'public-access-block': 'The four switches as JSON (true blocks; a switch left out is off).',
};

const MARK: Readonly<Record<DiffLine['op'], string>> = { same: '  ', add: '+ ', remove: '- ' };

function Diff({ diff }: { readonly diff: readonly DiffLine[] }) {
  const added = diff.filter((l) => l.op === 'add').length;
  const removed = diff.filter((l) => l.op === 'remove').length;
  return (
    <>
      <p data-testid="bucket-editor-diff-summary">
        {changesAnything(diff) ? `${added} line${added === 1 ? '' : 's'} added, ${removed} removed (+ added, − removed):` : 'Nothing changes: the text is what the bucket already has.'}
      </p>
      <pre className="bucket-diff" data-testid="bucket-editor-diff" aria-label="What changes, line by line">
        {diff.map((l, i) => (
          <span key={i} className={`bucket-diff-${l.op}`} data-op={l.op}>
            {MARK[l.op]}
            {l.text}
            {'\n'}
          </span>
        ))}
      </pre>
    </>
  );
}

export function ConfigEditorDialog({ store, editor }: { readonly store: BucketsStore; readonly editor: ConfigEditor }) {
  const a = store.getState();
  const label = CONFIG_LABELS[editor.kind];
  const reviewing = editor.status === 'review' || editor.status === 'saving';
  return (
    <Modal onCancel={a.closeEditor} className="bucket-dialog bucket-editor" testId="bucket-editor">
      <ModalTitle>
        {label} of {editor.bucket}
      </ModalTitle>
      {editor.status === 'loading' ? <p>Reading the bucket’s {label.toLowerCase()}…</p> : null}
      {editor.before === null && !reviewing ? (
        <p data-testid="bucket-editor-none">
          This bucket has no {label.toLowerCase()}. A starting example is filled in; nothing is saved until you review the change and save it.
        </p>
      ) : null}
      {!reviewing && editor.before !== undefined ? (
        <>
          <label className="bucket-editor-text">
            <span>{FORMAT[editor.kind]}</span>
            <textarea
              value={editor.text}
              onChange={(e) => a.setText(e.target.value)}
              spellCheck={false}
              rows={16}
              aria-invalid={editor.problem !== null}
              aria-describedby={editor.problem ? 'bucket-editor-problem' : undefined}
              data-testid="bucket-editor-text"
            />
          </label>
          {editor.problem ? (
            <p className="bucket-error" role="alert" id="bucket-editor-problem" data-testid="bucket-editor-problem">
              {editor.problem.where}: {editor.problem.message}
            </p>
          ) : null}
        </>
      ) : null}
      {reviewing && editor.diff ? (
        <section aria-label="Review">
          <h3>{editor.remove ? `Remove the ${label.toLowerCase()}?` : 'What changes'}</h3>
          <Diff diff={editor.diff} />
        </section>
      ) : null}
      {editor.error ? <BucketError error={editor.error} testId="bucket-editor-error" /> : null}
      <div className="bucket-buttons">
        {reviewing ? (
          <>
            <button type="button" onClick={a.backToEdit} disabled={editor.status === 'saving'}>
              Back to the text
            </button>
            <button
              type="button"
              className={editor.remove ? 'danger' : undefined}
              onClick={() => void a.save()}
              disabled={editor.status === 'saving' || !changesAnything(editor.diff)}
              data-testid="bucket-editor-save"
            >
              {editor.status === 'saving' ? 'Saving…' : editor.remove ? `Remove ${label.toLowerCase()}` : 'Save'}
            </button>
          </>
        ) : (
          <>
            <button type="button" onClick={a.closeEditor}>
              Cancel
            </button>
            {editor.before ? (
              <button type="button" onClick={a.askRemove} data-testid="bucket-editor-remove">
                Remove…
              </button>
            ) : null}
            <button type="button" onClick={a.review} disabled={editor.status !== 'editing' || editor.problem !== null} data-testid="bucket-editor-review">
              Review changes…
            </button>
          </>
        )}
      </div>
    </Modal>
  );
}
