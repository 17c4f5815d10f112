/**
 * Buckets (issue 15): create with the name checked first and the region chosen, delete when empty, and the
 * bucket's settings for Bucket info (region, versioning, default encryption, public access block, object lock,
 * owner), each read on its own so one AccessDenied does not hide the rest.
 */
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  GetBucketAclCommand,
  GetBucketEncryptionCommand,
  GetBucketLocationCommand,
  GetBucketVersioningCommand,
  GetObjectLockConfigurationCommand,
  GetPublicAccessBlockCommand,
} from '@aws-sdk/client-s3';
import { bucketNameProblem, type BucketDetails, type Setting } from '../../shared/buckets';
import { CodedError } from '../core/app-error';
import type { CoreContext } from '../core/context';
import { toAppError } from '../core/to-app-error';

const errorName = (error: unknown) => (error as { name?: string; Code?: string }).name ?? (error as { Code?: string }).Code ?? '';

/** A setting's read: `absent` names the errors by which S3 says "none configured". */
async function setting<T>(read: () => Promise<T>, absent: readonly string[] = [], none?: T): Promise<Setting<T>> {
  try {
    return { ok: true, value: await read() };
  } catch (error) {
    if (absent.includes(errorName(error))) return { ok: true, value: none as T };
    const e = toAppError(error);
    return { ok: false, error: { code: e.code, message: e.message } };
  }
}

export class BucketService {
  constructor(private readonly ctx: CoreContext) {}

  async create(connectionId: string, name: string, region: string | undefined): Promise<{ readonly name: string; readonly region: string }> {
    const problem = bucketNameProblem(name);
    if (problem) throw new CodedError({ code: 'InvalidInput', message: problem });
    const where = region ?? this.ctx.connections.get(connectionId)?.summary.region ?? 'us-east-1';
    try {
      await this.ctx.clientOf(connectionId).send(
        // us-east-1 is the one region S3 wants without a LocationConstraint.
        new CreateBucketCommand({ Bucket: name, ...(where === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: where as never } }) }),
      );
    } catch (error) {
      const n = errorName(error);
      if (n === 'BucketAlreadyOwnedByYou' || n === 'BucketAlreadyExists') {
        throw new CodedError({ code: 'Conflict', message: n === 'BucketAlreadyOwnedByYou' ? `you already have a bucket named "${name}"` : `the name "${name}" is taken (bucket names are global)` });
      }
      throw error;
    }
    this.ctx.connections.learnBucketRegion(connectionId, name, where);
    return { name, region: where };
  }

  /** DeleteBucket: S3 deletes only an empty bucket, and says so otherwise. */
  async deleteEmpty(connectionId: string, bucket: string): Promise<{ readonly deleted: true }> {
    try {
      await this.ctx.clientFor(connectionId, bucket).send(new DeleteBucketCommand({ Bucket: bucket }));
    } catch (error) {
      if (errorName(error) === 'BucketNotEmpty') {
        throw new CodedError({ code: 'Conflict', message: `the bucket "${bucket}" is not empty (objects, versions or delete markers remain); empty it first` });
      }
      throw error;
    }
    return { deleted: true };
  }

  async info(connectionId: string, bucket: string): Promise<BucketDetails> {
    const client = this.ctx.clientFor(connectionId, bucket);
    const [region, versioning, encryption, publicAccessBlock, objectLock, owner] = await Promise.all([
      setting(async () => (await client.send(new GetBucketLocationCommand({ Bucket: bucket }))).LocationConstraint || 'us-east-1'),
      setting(async () => {
        const s = (await client.send(new GetBucketVersioningCommand({ Bucket: bucket }))).Status;
        return s === 'Enabled' ? ('enabled' as const) : s === 'Suspended' ? ('suspended' as const) : ('never' as const);
      }),
      setting(
        async () => {
          const rule = (await client.send(new GetBucketEncryptionCommand({ Bucket: bucket }))).ServerSideEncryptionConfiguration?.Rules?.[0];
          const d = rule?.ApplyServerSideEncryptionByDefault;
          return d?.SSEAlgorithm ? { algorithm: d.SSEAlgorithm, kmsKeyId: d.KMSMasterKeyID ?? null, bucketKey: rule?.BucketKeyEnabled ?? false } : null;
        },
        ['ServerSideEncryptionConfigurationNotFoundError'],
        null,
      ),
      setting(
        async () => {
          const c = (await client.send(new GetPublicAccessBlockCommand({ Bucket: bucket }))).PublicAccessBlockConfiguration;
          return c
            ? {
                blockPublicAcls: c.BlockPublicAcls ?? false,
                ignorePublicAcls: c.IgnorePublicAcls ?? false,
                blockPublicPolicy: c.BlockPublicPolicy ?? false,
                restrictPublicBuckets: c.RestrictPublicBuckets ?? false,
              }
            : null;
        },
        ['NoSuchPublicAccessBlockConfiguration'],
        null,
      ),
      setting(
        async () => {
          const c = (await client.send(new GetObjectLockConfigurationCommand({ Bucket: bucket }))).ObjectLockConfiguration;
          if (!c) return null;
          const d = c.Rule?.DefaultRetention;
          return { enabled: c.ObjectLockEnabled === 'Enabled', mode: d?.Mode ?? null, days: d?.Days ?? null, years: d?.Years ?? null };
        },
        // AWS and RGW name "this bucket has no object lock" differently.
        ['ObjectLockConfigurationNotFoundError', 'ObjectLockConfigurationNotFound', 'InvalidRequest'],
        null,
      ),
      setting(async () => {
        const o = (await client.send(new GetBucketAclCommand({ Bucket: bucket }))).Owner;
        return { id: o?.ID ?? '', displayName: o?.DisplayName || null };
      }),
    ]);
    return { name: bucket, region, versioning, encryption, publicAccessBlock, objectLock, owner };
  }
}
