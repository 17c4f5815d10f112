/**
 * The upload-options form as plain data: what the dialog shows (strings, rows) and the options it sends.
 * Empty fields mean "leave it to the server": no storage class header, the bucket's encryption, the content
 * type guessed per file. Checked with the shared rules as typed (shared/upload-options.ts).
 */
import { type UploadDefaults, type UploadOptions, uploadOptionsProblems } from '../../../../shared/upload-options';
import { filledRows, type NameValueRow, nextRowId, rowProblems } from '../../lib/name-value-rows';

export type OptionRow = NameValueRow;

export type EncryptionChoice = 'bucket-default' | 'AES256' | 'aws:kms';

export interface UploadOptionsDraft {
  /** "" = the server's default (STANDARD). */
  readonly storageClass: string;
  readonly encryption: EncryptionChoice;
  /** SSE-KMS only; "" = the bucket's default key (else the AWS-managed key). */
  readonly kmsKeyId: string;
  /** "" = guessed from each file's name. */
  readonly contentType: string;
  readonly metadata: readonly OptionRow[];
  readonly tags: readonly OptionRow[];
}

export const newRow = (name = '', value = ''): OptionRow => ({ id: nextRowId(), name, value });

const rowsOf = (m: Readonly<Record<string, string>> | undefined) => Object.entries(m ?? {}).map(([k, v]) => newRow(k, v));

/** The form as it opens: the connection's defaults. */
export function draftFromDefaults(d: UploadDefaults): UploadOptionsDraft {
  return {
    storageClass: d.storageClass ?? '',
    encryption: d.encryption?.kind ?? 'bucket-default',
    kmsKeyId: d.encryption?.kind === 'aws:kms' ? (d.encryption.keyId ?? '') : '',
    contentType: '',
    metadata: rowsOf(d.metadata),
    tags: rowsOf(d.tags),
  };
}

function mapOf(rows: readonly OptionRow[]): Record<string, string> | undefined {
  const named = filledRows(rows);
  return named.length === 0 ? undefined : Object.fromEntries(named.map((r) => [r.name, r.value]));
}

/** What `transfers:upload` is sent. */
export function optionsFromDraft(d: UploadOptionsDraft): UploadOptions {
  const metadata = mapOf(d.metadata);
  const tags = mapOf(d.tags);
  return {
    ...(d.storageClass ? { storageClass: d.storageClass } : {}),
    encryption: d.encryption === 'aws:kms' ? (d.kmsKeyId.trim() ? { kind: 'aws:kms', keyId: d.kmsKeyId.trim() } : { kind: 'aws:kms' }) : { kind: d.encryption },
    ...(d.contentType.trim() ? { contentType: d.contentType.trim() } : {}),
    ...(metadata ? { metadata } : {}),
    ...(tags ? { tags } : {}),
  };
}

/** The defaults a draft would save ("Use as this connection's defaults"): everything but the content type. */
export function defaultsFromDraft(d: UploadOptionsDraft): UploadDefaults {
  const { contentType: _unused, ...rest } = optionsFromDraft(d);
  return rest.encryption?.kind === 'bucket-default' ? (({ encryption: _e, ...r }) => r)(rest) : rest;
}

export function draftProblems(d: UploadOptionsDraft): string[] {
  const rows = [...rowProblems(d.metadata, 'metadata'), ...rowProblems(d.tags, 'tag')];
  return [...new Set([...rows, ...uploadOptionsProblems(optionsFromDraft(d))])];
}
