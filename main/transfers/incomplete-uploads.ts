/**
 * Incomplete multipart uploads of a bucket (they cost storage and most clients never show them): listed from
 * ListMultipartUploads, each with its parts and bytes so far from ListParts, and aborted as a plan, like
 * operations (plan lists exactly what will be aborted and its size; the UI confirms; run aborts exactly
 * that list and reports each failure).
 */
import { randomUUID } from 'node:crypto';
import { AbortMultipartUploadCommand, ListMultipartUploadsCommand, ListPartsCommand, type S3Client } from '@aws-sdk/client-s3';
import type { AbortUploadsOutcome, AbortUploadsPlan, IncompleteUpload } from '../../shared/transfers';
import type { CoreContext } from '../core/context';
import { codedError } from '../core/app-error';
import { toAppError } from '../core/to-app-error';

interface StoredPlan {
  readonly connectionId: string;
  readonly bucket: string;
  readonly uploads: readonly IncompleteUpload[];
}

export class IncompleteUploads {
  private readonly plans = new Map<string, StoredPlan>();

  constructor(
    private readonly ctx: CoreContext,
    private readonly now: () => number = Date.now,
  ) {}

  async list(connectionId: string, bucket: string): Promise<IncompleteUpload[]> {
    const client = this.ctx.clientFor(connectionId, bucket);
    const out: IncompleteUpload[] = [];
    let keyMarker: string | undefined;
    let uploadIdMarker: string | undefined;
    for (;;) {
      const page = await client.send(
        new ListMultipartUploadsCommand({ Bucket: bucket, ...(keyMarker ? { KeyMarker: keyMarker } : {}), ...(uploadIdMarker ? { UploadIdMarker: uploadIdMarker } : {}) }),
      );
      for (const u of page.Uploads ?? []) {
        if (!u.Key || !u.UploadId) continue;
        const { parts, bytes } = await partsOf(client, bucket, u.Key, u.UploadId);
        const initiated = u.Initiated ? u.Initiated.toISOString() : null;
        out.push({
          key: u.Key,
          uploadId: u.UploadId,
          initiated,
          ageSeconds: u.Initiated ? Math.max(0, Math.round((this.now() - u.Initiated.getTime()) / 1000)) : null,
          initiator: u.Initiator?.DisplayName ?? u.Initiator?.ID ?? null,
          parts,
          bytes,
        });
      }
      if (!page.IsTruncated) return out;
      keyMarker = page.NextKeyMarker;
      uploadIdMarker = page.NextUploadIdMarker;
      if (!keyMarker && !uploadIdMarker) return out;
    }
  }

  /** Plan aborting the given uploads (default: all the bucket has now). */
  async plan(connectionId: string, bucket: string, only?: ReadonlyArray<{ key: string; uploadId: string }>): Promise<AbortUploadsPlan> {
    const all = await this.list(connectionId, bucket);
    const wanted = only ? new Set(only.map((u) => `${u.key}\n${u.uploadId}`)) : null;
    const uploads = wanted ? all.filter((u) => wanted.has(`${u.key}\n${u.uploadId}`)) : all;
    const planId = randomUUID();
    this.plans.set(planId, { connectionId, bucket, uploads });
    return { planId, count: uploads.length, bytes: uploads.reduce((n, u) => n + u.bytes, 0), uploads };
  }

  async run(planId: string): Promise<AbortUploadsOutcome> {
    const plan = this.plans.get(planId);
    if (!plan) throw codedError('InvalidInput', 'no such plan (already run or discarded)');
    this.plans.delete(planId);
    const client = this.ctx.clientFor(plan.connectionId, plan.bucket);
    let aborted = 0;
    const failed: Array<{ key: string; uploadId: string; message: string }> = [];
    for (const u of plan.uploads) {
      try {
        await client.send(new AbortMultipartUploadCommand({ Bucket: plan.bucket, Key: u.key, UploadId: u.uploadId }));
        aborted++;
      } catch (error) {
        const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
        // Gone already (completed or aborted meanwhile): what the plan wanted.
        if (e.name === 'NoSuchUpload' || e.$metadata?.httpStatusCode === 404) aborted++;
        else failed.push({ key: u.key, uploadId: u.uploadId, message: toAppError(error, 'abort upload').message });
      }
    }
    return { aborted, failed };
  }

  discard(planId: string): boolean {
    return this.plans.delete(planId);
  }
}

async function partsOf(client: S3Client, bucket: string, key: string, uploadId: string): Promise<{ parts: number; bytes: number }> {
  let parts = 0;
  let bytes = 0;
  let marker: string | undefined;
  for (;;) {
    const page = await client.send(new ListPartsCommand({ Bucket: bucket, Key: key, UploadId: uploadId, ...(marker ? { PartNumberMarker: marker } : {}) }));
    for (const p of page.Parts ?? []) {
      parts++;
      bytes += p.Size ?? 0;
    }
    if (!page.IsTruncated || !page.NextPartNumberMarker) return { parts, bytes };
    marker = page.NextPartNumberMarker;
  }
}
