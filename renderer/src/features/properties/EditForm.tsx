import { RESTORE_TIERS } from '../../../../shared/cost';
import { ARCHIVE_CLASSES, CANNED_ACLS, CONTENT_HEADERS, type CannedAcl, type ContentHeader, HEADER_NAMES, STORAGE_CLASSES } from '../../../../shared/properties';
import type { EditDraft, PairRow } from './edit-draft';
import { PairsEditor } from '../../ui/PairsEditor';

export interface EditFormProps {
  readonly draft: EditDraft;
  readonly many: boolean;
  /** The object's class, shown as "keep"; null for many objects. */
  readonly currentClass: string | null;
  /** Why the current tags are not shown (e.g. AccessDenied), if so. */
  readonly tagsNote: string | null;
  onHeader(header: ContentHeader, value: string): void;
  onAddRow(list: 'metadata' | 'tags'): void;
  onRow(list: 'metadata' | 'tags', id: number, patch: Partial<Omit<PairRow, 'id'>>): void;
  onDeleteRow(list: 'metadata' | 'tags', id: number): void;
  onStorageClass(value: string): void;
  onAcl(value: CannedAcl | ''): void;
  onEncryption(value: EditDraft['encryption'], kmsKeyId?: string): void;
  onRestore(tier: EditDraft['restoreTier'], days?: string): void;
}

const keep = (many: boolean) => (many ? 'Keep each object’s' : 'Keep');

/** The edit form: content headers, user metadata, tags, class, canned ACL and encryption. */
export function EditForm(p: EditFormProps) {
  const { draft, many } = p;
  return (
    <div className="props-form" data-testid="props-form">
      <fieldset className="props-headers">
        <legend>Content headers{many ? ' (filled in: set on every object)' : ''}</legend>
        {CONTENT_HEADERS.map((h) => (
          <label key={h}>
            <span>{HEADER_NAMES[h]}</span>
            <input value={draft.headers[h]} onChange={(e) => p.onHeader(h, e.target.value)} data-testid={`props-header-${h}`} />
          </label>
        ))}
      </fieldset>
      <PairsEditor
        testIds="props"
        list="metadata"
        title="User metadata"
        rows={draft.metadata}
        many={many}
        onAdd={() => p.onAddRow('metadata')}
        onChange={(id, patch) => p.onRow('metadata', id, patch)}
        onDelete={(id) => p.onDeleteRow('metadata', id)}
      />
      <PairsEditor
        testIds="props"
        list="tags"
        title="Tags"
        rows={draft.tags}
        many={many}
        note={p.tagsNote}
        onAdd={() => p.onAddRow('tags')}
        onChange={(id, patch) => p.onRow('tags', id, patch)}
        onDelete={(id) => p.onDeleteRow('tags', id)}
      />
      <fieldset className="props-choices">
        <legend>Storage, access, encryption</legend>
        <label>
          <span>Storage class</span>
          <select value={draft.storageClass} onChange={(e) => p.onStorageClass(e.target.value)} data-testid="props-storage-class">
            <option value="">{keep(many)} class{p.currentClass ? ` (${p.currentClass})` : ''}</option>
            {STORAGE_CLASSES.map((c) => (
              <option key={c} value={c} disabled={c === p.currentClass}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>Canned ACL</span>
          <select value={draft.acl} onChange={(e) => p.onAcl(e.target.value as CannedAcl | '')} data-testid="props-acl">
            <option value="">{keep(many)} ACL</option>
            {CANNED_ACLS.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>Encryption</span>
          <select value={draft.encryption} onChange={(e) => p.onEncryption(e.target.value as EditDraft['encryption'])} data-testid="props-encryption-select">
            <option value="">{keep(many)} encryption</option>
            <option value="AES256">SSE-S3 (AES256)</option>
            <option value="aws:kms">SSE-KMS</option>
          </select>
        </label>
        {draft.encryption === 'aws:kms' ? (
          <label>
            <span>KMS key id or alias (empty: AWS-managed key)</span>
            <input value={draft.kmsKeyId} onChange={(e) => p.onEncryption('aws:kms', e.target.value)} data-testid="props-kms-key" />
          </label>
        ) : null}
      </fieldset>
      {many || (p.currentClass !== null && ARCHIVE_CLASSES.has(p.currentClass)) ? (
        <fieldset className="props-restore" data-testid="props-restore-form">
          <legend>Archive restore{many ? ' (GLACIER and DEEP_ARCHIVE objects only)' : ''}</legend>
          <label>
            <span>Restore tier</span>
            <select value={draft.restoreTier} onChange={(e) => p.onRestore(e.target.value as EditDraft['restoreTier'])} data-testid="props-restore-tier">
              <option value="">No restore</option>
              {RESTORE_TIERS.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </label>
          {draft.restoreTier !== '' ? (
            <label>
              <span>Readable for (days)</span>
              <input inputMode="numeric" value={draft.restoreDays} onChange={(e) => p.onRestore(draft.restoreTier, e.target.value)} data-testid="props-restore-days" />
            </label>
          ) : null}
        </fieldset>
      ) : null}
    </div>
  );
}
