/**
 * The Properties form as plain data, and the one function that turns it into a PropertiesEdit. For one object
 * the form starts from what the object has, and the edit is the difference (a cleared header or a deleted row
 * is a removal). For many objects it starts empty: what is filled in is set on every object, rows marked
 * "remove" are removed from every object, and the rest of each object stays as it is.
 */
import {
  CONTENT_HEADERS,
  type CannedAcl,
  type ContentHeader,
  editProblems,
  MAX_METADATA_BYTES,
  metadataBytes,
  type ObjectProperties,
  patchMetadata,
  patchTags,
  type PropertiesEdit,
} from '../../../../shared/properties';
import type { RestoreTier } from '../../../../shared/cost';
import { filledRows, type NameValueRow, nextRowId, rowProblems } from '../../lib/name-value-rows';

export interface PairRow extends NameValueRow {
  /** Many objects only: remove this name from every object instead of setting it. */
  readonly remove: boolean;
}

export interface EditDraft {
  /** Text of each content header ('' = absent, or for many objects: unchanged). */
  readonly headers: Readonly<Record<ContentHeader, string>>;
  readonly metadata: readonly PairRow[];
  readonly tags: readonly PairRow[];
  /** '' keeps each object's class. */
  readonly storageClass: string;
  /** '' keeps each object's ACL. */
  readonly acl: CannedAcl | '';
  /** '' keeps each object's encryption. */
  readonly encryption: '' | 'AES256' | 'aws:kms';
  readonly kmsKeyId: string;
  /** '' asks no restore; a tier asks an archive restore for `restoreDays` (as typed). */
  readonly restoreTier: RestoreTier | '';
  readonly restoreDays: string;
}

const EMPTY_HEADERS = Object.fromEntries(CONTENT_HEADERS.map((h) => [h, ''])) as Record<ContentHeader, string>;

export const newRow = (name = '', value = ''): PairRow => ({ id: nextRowId(), name, value, remove: false });

/** The form for one object's current properties, or the empty form for many objects. */
export function draftFrom(current: ObjectProperties | null): EditDraft {
  const headers = { ...EMPTY_HEADERS };
  if (current) for (const h of CONTENT_HEADERS) headers[h] = current.headers[h] ?? '';
  return {
    headers,
    metadata: current ? Object.entries(current.metadata).map(([k, v]) => newRow(k, v)) : [],
    tags: current?.tags.ok ? current.tags.value.map((t) => newRow(t.key, t.value)) : [],
    storageClass: '',
    acl: '',
    encryption: '',
    kmsKeyId: '',
    restoreTier: '',
    restoreDays: '7',
  };
}

function pairsPatch(rows: readonly PairRow[], before: ReadonlyMap<string, string> | null) {
  const set: Record<string, string> = {};
  const remove: string[] = [];
  for (const r of filledRows(rows)) {
    if (r.remove) remove.push(r.name);
    else if (before?.get(r.name) !== r.value) set[r.name] = r.value;
  }
  if (before) {
    const kept = new Set(filledRows(rows).map((r) => r.name));
    for (const name of before.keys()) if (!kept.has(name)) remove.push(name);
  }
  return { set, remove };
}

/** The edit the form describes; absent fields stay as they are on every object. */
export function buildEdit(draft: EditDraft, current: ObjectProperties | null): PropertiesEdit {
  const headers: Partial<Record<ContentHeader, string | null>> = {};
  for (const h of CONTENT_HEADERS) {
    const text = draft.headers[h];
    if (current) {
      const was = current.headers[h] ?? '';
      if (text !== was) headers[h] = text === '' ? null : text;
    } else if (text !== '') headers[h] = text;
  }
  const meta = pairsPatch(draft.metadata, current ? new Map(Object.entries(current.metadata)) : null);
  // Tags that could not be read (AccessDenied) are not known: only what is typed is set, nothing is removed.
  const tagsBefore = current?.tags.ok ? new Map(current.tags.value.map((t) => [t.key, t.value])) : null;
  const tags = pairsPatch(draft.tags, tagsBefore);
  const edit: { -readonly [K in keyof PropertiesEdit]: PropertiesEdit[K] } = {};
  if (Object.keys(headers).length > 0) edit.headers = headers;
  if (Object.keys(meta.set).length > 0 || meta.remove.length > 0) edit.metadata = meta;
  if (Object.keys(tags.set).length > 0 || tags.remove.length > 0) edit.tags = tags;
  if (draft.storageClass !== '') edit.storageClass = draft.storageClass;
  if (draft.acl !== '') edit.acl = draft.acl;
  if (draft.encryption === 'AES256') edit.encryption = { kind: 'AES256' };
  if (draft.encryption === 'aws:kms') edit.encryption = draft.kmsKeyId.trim() === '' ? { kind: 'aws:kms' } : { kind: 'aws:kms', keyId: draft.kmsKeyId.trim() };
  if (draft.restoreTier !== '') edit.restore = { tier: draft.restoreTier, days: /^\d+$/.test(draft.restoreDays.trim()) ? Number(draft.restoreDays.trim()) : NaN };
  return edit;
}

/** What is wrong with the form as typed (shared/properties' rules, plus duplicate and nameless rows). */
export function draftProblems(draft: EditDraft, current: ObjectProperties | null): string[] {
  const problems = [...rowProblems(draft.metadata, 'metadata'), ...rowProblems(draft.tags, 'tag')];
  // "Changes nothing" is not an error while typing: Review just stays disabled.
  const edit = buildEdit(draft, current);
  if (draft.restoreTier !== '' && !/^\d+$/.test(draft.restoreDays.trim())) problems.push('Restore days: type a whole number of days.');
  const rules = editProblems(edit).filter((p) => p !== 'The edit changes nothing.');
  // One object: the whole result is known, so S3's limits are checked on it, not only on what is added.
  if (current?.tags.ok && edit.tags) {
    const after = patchTags(current.tags.value, edit.tags);
    if ('problem' in after) rules.push(after.problem);
  }
  if (current && edit.metadata && metadataBytes(patchMetadata(current.metadata, edit.metadata)) > MAX_METADATA_BYTES) {
    rules.push(`User metadata would exceed S3's ${MAX_METADATA_BYTES} bytes.`);
  }
  return [...new Set([...problems, ...rules])];
}
