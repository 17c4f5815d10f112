/**
 * The bucket settings the editors change (issue 15): policy, CORS, lifecycle, public access block. A read answers
 * the canonical JSON text (shared/bucket-config.ts) or null for "none configured"; a save checks the text
 * again (the renderer already did), reads the setting once more and refuses with Conflict when it is no longer
 * what the user's diff was made against, then writes (or deletes, for null) and answers what the server now has.
 */
import {
  DeleteBucketCorsCommand,
  DeleteBucketLifecycleCommand,
  DeleteBucketPolicyCommand,
  DeletePublicAccessBlockCommand,
  GetBucketCorsCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketPolicyCommand,
  GetPublicAccessBlockCommand,
  PutBucketCorsCommand,
  PutBucketLifecycleConfigurationCommand,
  PutBucketPolicyCommand,
  PutPublicAccessBlockCommand,
  type CORSRule,
  type LifecycleRule,
  type S3Client,
} from '@aws-sdk/client-s3';
import { type BucketConfigKind, canonicalText, checkConfig, CONFIG_LABELS } from '../../shared/bucket-config';
import { CodedError } from '../core/app-error';
import type { CoreContext } from '../core/context';

/** The errors by which S3 (and RGW) say a setting is not configured. */
const ABSENT: Readonly<Record<BucketConfigKind, readonly string[]>> = {
  policy: ['NoSuchBucketPolicy'],
  cors: ['NoSuchCORSConfiguration'],
  lifecycle: ['NoSuchLifecycleConfiguration'],
  'public-access-block': ['NoSuchPublicAccessBlockConfiguration'],
};

const errorName = (error: unknown) => (error as { name?: string }).name ?? (error as { Code?: string }).Code ?? '';

/** Drop undefined fields and turn Dates into ISO strings, so the SDK's output prints as its own JSON. */
function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined && k !== '$metadata') out[k] = plain(v);
    return out;
  }
  return value;
}

/** Lifecycle dates travel as Date objects in the SDK (it formats them for the XML). */
function withDates(rules: readonly unknown[]): LifecycleRule[] {
  const fix = (o: Record<string, unknown> | undefined) => (o && typeof o['Date'] === 'string' ? { ...o, Date: new Date(o['Date']) } : o);
  return (rules as Array<Record<string, unknown>>).map((r) => ({
    ...r,
    ...(r['Expiration'] ? { Expiration: fix(r['Expiration'] as Record<string, unknown>) } : {}),
    ...(Array.isArray(r['Transitions']) ? { Transitions: (r['Transitions'] as Array<Record<string, unknown>>).map(fix) } : {}),
  })) as LifecycleRule[];
}

/**
 * RGW answers a combined filter without its <And> (`Filter: {Prefix, Tag}`), which S3 (and the checks) refuse
 * on the way back in; fold it into And so the text the editor shows saves again as it stands.
 */
function foldFilter(rule: Record<string, unknown>): Record<string, unknown> {
  const f = rule['Filter'] as Record<string, unknown> | undefined;
  if (!f || f['And'] !== undefined || Object.keys(f).length < 2) return rule;
  const { Tag, ...rest } = f;
  return { ...rule, Filter: { And: { ...rest, ...(Tag !== undefined ? { Tags: [Tag] } : {}) } } };
}

export class BucketConfigService {
  constructor(private readonly ctx: CoreContext) {}

  /** The setting as canonical JSON text, or null when the bucket has none. */
  async read(connectionId: string, bucket: string, kind: BucketConfigKind): Promise<string | null> {
    const client = this.ctx.clientFor(connectionId, bucket);
    try {
      return await readText(client, bucket, kind);
    } catch (error) {
      if (ABSENT[kind].includes(errorName(error))) return null;
      throw error;
    }
  }

  /**
   * Save `text` (null removes the setting) if the server still has `before`. Answers the setting as read back.
   * Nothing is sent for a text that fails the checks.
   */
  async save(connectionId: string, bucket: string, kind: BucketConfigKind, text: string | null, before: string | null): Promise<string | null> {
    const checked = text === null ? null : checkConfig(kind, text);
    if (checked && !checked.ok) {
      throw new CodedError({ code: 'InvalidInput', message: `${CONFIG_LABELS[kind]}: ${checked.problem.where}: ${checked.problem.message}. Nothing was saved.` });
    }
    const now = await this.read(connectionId, bucket, kind);
    if (now !== before) {
      throw new CodedError({ code: 'Conflict', message: `${CONFIG_LABELS[kind]} of "${bucket}" changed since it was opened; nothing was saved. Open it again to see the current one.` });
    }
    const client = this.ctx.clientFor(connectionId, bucket);
    if (checked === null) await remove(client, bucket, kind);
    else await write(client, bucket, kind, checked.value);
    return this.read(connectionId, bucket, kind);
  }
}

async function readText(client: S3Client, bucket: string, kind: BucketConfigKind): Promise<string | null> {
  switch (kind) {
    case 'policy': {
      const out = await client.send(new GetBucketPolicyCommand({ Bucket: bucket }));
      return out.Policy ? canonicalText(JSON.parse(out.Policy)) : null;
    }
    case 'cors': {
      const out = await client.send(new GetBucketCorsCommand({ Bucket: bucket }));
      return out.CORSRules?.length ? canonicalText({ CORSRules: plain(out.CORSRules) }) : null;
    }
    case 'lifecycle': {
      const out = await client.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket }));
      return out.Rules?.length ? canonicalText({ Rules: (plain(out.Rules) as Array<Record<string, unknown>>).map(foldFilter) }) : null;
    }
    case 'public-access-block': {
      const c = (await client.send(new GetPublicAccessBlockCommand({ Bucket: bucket }))).PublicAccessBlockConfiguration;
      return c ? canonicalText(plain(c)) : null;
    }
  }
}

async function write(client: S3Client, bucket: string, kind: BucketConfigKind, value: unknown): Promise<void> {
  const v = value as Record<string, unknown>;
  switch (kind) {
    case 'policy':
      await client.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: JSON.stringify(value) }));
      return;
    case 'cors':
      await client.send(new PutBucketCorsCommand({ Bucket: bucket, CORSConfiguration: { CORSRules: v['CORSRules'] as CORSRule[] } }));
      return;
    case 'lifecycle':
      await client.send(new PutBucketLifecycleConfigurationCommand({ Bucket: bucket, LifecycleConfiguration: { Rules: withDates(v['Rules'] as unknown[]) } }));
      return;
    case 'public-access-block':
      await client.send(new PutPublicAccessBlockCommand({ Bucket: bucket, PublicAccessBlockConfiguration: v }));
      return;
  }
}

async function remove(client: S3Client, bucket: string, kind: BucketConfigKind): Promise<void> {
  switch (kind) {
    case 'policy':
      await client.send(new DeleteBucketPolicyCommand({ Bucket: bucket }));
      return;
    case 'cors':
      await client.send(new DeleteBucketCorsCommand({ Bucket: bucket }));
      return;
    case 'lifecycle':
      await client.send(new DeleteBucketLifecycleCommand({ Bucket: bucket }));
      return;
    case 'public-access-block':
      await client.send(new DeletePublicAccessBlockCommand({ Bucket: bucket }));
      return;
  }
}
