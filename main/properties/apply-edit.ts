import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  PutObjectAclCommand,
  PutObjectTaggingCommand,
  RestoreObjectCommand,
  type S3Client,
  UploadPartCopyCommand,
} from '@aws-sdk/client-s3';
import { ARCHIVE_CLASSES, changesTags, needsCopy, patchTags, type PropertiesEdit, type RestoreRequest, type Tag } from '../../shared/properties';
import { CodedError } from '../core/app-error';
import { toAppError } from '../core/to-app-error';
import { copySource } from '../operations/copy-source';
import { type CopyLimits, pool } from '../operations/object-copy';
import { type AclRead, headProperties, readAcl, readTags } from './read-properties';
import { type RewriteHeaders, rewriteHeaders } from './rewrite-input';

/** Counts requests by S3 operation as they are sent (the report's `requests`). */
export type Counter = (operation: string, n?: number) => void;

export interface ApplyTarget {
  readonly client: S3Client;
  readonly bucket: string;
  readonly key: string;
  readonly edit: PropertiesEdit;
  readonly limits: CopyLimits;
  readonly signal: AbortSignal;
  readonly count: Counter;
}

/** Parts a multipart copy of `size` bytes takes (the part size grows to stay within 10,000 parts). */
export function copyParts(size: number, limits: CopyLimits): number {
  const partSize = Math.max(limits.copyPartSize, Math.ceil(size / 10_000));
  return Math.max(1, Math.ceil(size / partSize));
}

/**
 * Apply an edit to one object. Tags and ACL alone are set in place (PutObjectTagging / PutObjectAcl). Anything
 * else rewrites the object by a copy onto itself with MetadataDirective REPLACE, built from one HeadObject so
 * every property the edit leaves alone is kept; the copy is pinned to the ETag that HEAD saw, so an object
 * written meanwhile fails (PreconditionFailed) instead of losing the other writer's data. Tags are read before
 * and put back after (RGW drops them on a REPLACE copy; a multipart copy never carries them). A copy resets
 * the ACL to private, so the ACL read before is put back unless it was only the owner's.
 */
export async function applyEdit(t: ApplyTarget): Promise<void> {
  const { client, bucket, key, edit, count } = t;
  const opts = { abortSignal: t.signal };
  const putTags = async (tags: readonly Tag[]) => {
    count('PutObjectTagging');
    await client.send(new PutObjectTaggingCommand({ Bucket: bucket, Key: key, Tagging: { TagSet: tags.map((x) => ({ Key: x.key, Value: x.value })) } }), opts);
  };
  if (edit.restore) return restore(t, edit.restore);
  const copy = needsCopy(edit);
  let tags: Tag[] | null = null;
  // A copy must know the tags too: RGW drops them on a REPLACE copy and a multipart copy never carries them.
  if (changesTags(edit) || copy) {
    count('GetObjectTagging');
    tags = await readTags(client, bucket, key, t.signal);
  }
  if (tags && changesTags(edit)) {
    const patched = patchTags(tags, edit.tags ?? {});
    if ('problem' in patched) throw new CodedError({ code: 'InvalidInput', message: patched.problem });
    tags = patched.tags;
  }
  if (!copy) {
    if (tags) await putTags(tags);
    if (edit.acl) {
      count('PutObjectAcl');
      await client.send(new PutObjectAclCommand({ Bucket: bucket, Key: key, ACL: edit.acl }), opts);
    }
    return;
  }
  count('HeadObject');
  const head = await headProperties(client, bucket, key, t.signal);
  if (ARCHIVE_CLASSES.has(head.storageClass) && head.restore.state !== 'available') {
    throw new CodedError({
      code: 'InvalidInput',
      message: `${head.storageClass} objects must be restored before they can be changed (${head.restore.state === 'in-progress' ? 'a restore is in progress' : 'request a restore first'})`,
    });
  }
  let acl: AclRead | null = null;
  if (!edit.acl) acl = await aclIfSupported(client, bucket, key, t.signal, count);
  const headers = rewriteHeaders(head, edit);
  if (head.size > t.limits.multipartThreshold) await multipartRewrite(t, headers, head.etag, head.size);
  else {
    count('CopyObject');
    await client.send(
      new CopyObjectCommand({
        Bucket: bucket,
        Key: key,
        CopySource: copySource(bucket, key),
        CopySourceIfMatch: head.etag || undefined,
        MetadataDirective: 'REPLACE',
        ...headers,
      }),
      opts,
    );
  }
  // Put the tags back explicitly (AWS kept them; on RGW they are gone), and a changed set in any case.
  if (tags && (tags.length > 0 || changesTags(edit))) await putTags(tags);
  if (acl && !acl.ownerOnly) {
    count('PutObjectAcl');
    await client.send(new PutObjectAclCommand({ Bucket: bucket, Key: key, AccessControlPolicy: { Owner: acl.raw.Owner, Grants: acl.raw.Grants } }), opts);
  }
}

/** RestoreObject. One already running is what the user asked for: not a failure (S3 answers 409 for it). */
async function restore(t: ApplyTarget, r: RestoreRequest): Promise<void> {
  t.count('RestoreObject');
  try {
    await t.client.send(
      new RestoreObjectCommand({ Bucket: t.bucket, Key: t.key, RestoreRequest: { Days: r.days, GlacierJobParameters: { Tier: r.tier } } }),
      { abortSignal: t.signal },
    );
  } catch (error) {
    if ((error as { name?: string }).name !== 'RestoreAlreadyInProgress') throw error;
  }
}

/** GetObjectAcl, or null where the bucket has ACLs switched off (BucketOwnerEnforced: a copy changes nothing). */
async function aclIfSupported(client: S3Client, bucket: string, key: string, signal: AbortSignal, count: Counter): Promise<AclRead | null> {
  count('GetObjectAcl');
  try {
    return await readAcl(client, bucket, key, signal);
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === 'AccessControlListNotSupported') return null;
    throw error;
  }
}

async function multipartRewrite(t: ApplyTarget, headers: RewriteHeaders, etag: string, size: number): Promise<void> {
  const { client, bucket, key, count } = t;
  const opts = { abortSignal: t.signal };
  count('CreateMultipartUpload');
  const created = await client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key, ...headers }), opts);
  const uploadId = created.UploadId;
  if (!uploadId) throw new Error('CreateMultipartUpload returned no UploadId');
  try {
    const partSize = Math.max(t.limits.copyPartSize, Math.ceil(size / 10_000));
    const parts = copyParts(size, t.limits);
    const etags = new Array<string>(parts);
    const numbers = Array.from({ length: parts }, (_, i) => i + 1);
    await pool(numbers, t.limits.partConcurrency, async (part) => {
      const start = (part - 1) * partSize;
      const end = Math.min(start + partSize, size) - 1;
      count('UploadPartCopy');
      const out = await client.send(
        new UploadPartCopyCommand({
          Bucket: bucket,
          Key: key,
          UploadId: uploadId,
          PartNumber: part,
          CopySource: copySource(bucket, key),
          CopySourceRange: `bytes=${start}-${end}`,
          CopySourceIfMatch: etag || undefined,
        }),
        opts,
      );
      const partEtag = out.CopyPartResult?.ETag;
      if (!partEtag) throw new Error(`UploadPartCopy returned no ETag for part ${part}`);
      etags[part - 1] = partEtag;
    });
    count('CompleteMultipartUpload');
    await client.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key: key,
        UploadId: uploadId,
        MultipartUpload: { Parts: etags.map((ETag, i) => ({ ETag, PartNumber: i + 1 })) },
      }),
      opts,
    );
  } catch (error) {
    // Orphaned parts are billed: abort, best effort, and report the original failure.
    count('AbortMultipartUpload');
    await client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId })).catch(() => {});
    throw error;
  }
}

export const failureOf = (key: string, error: unknown) => {
  const e = toAppError(error);
  return { key, code: e.code, message: e.message };
};

