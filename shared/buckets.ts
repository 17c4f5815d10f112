/**
 * Buckets (issue 15): the naming rules checked before CreateBucket is sent, and what Bucket info shows. Pure,
 * so the renderer can refuse a bad name as it is typed and main refuses it again.
 */
import type { CostEstimate } from './cost';

/** Why `name` cannot be a bucket name (S3's general-purpose bucket rules), or null. */
export function bucketNameProblem(name: string): string | null {
  if (name.length < 3 || name.length > 63) return `"${name}": a bucket name has 3 to 63 characters.`;
  if (!/^[a-z0-9.-]+$/.test(name)) return `"${name}": only lower-case letters, digits, dots and hyphens are allowed.`;
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) return `"${name}": a bucket name begins and ends with a letter or digit.`;
  if (name.includes('..')) return `"${name}": two dots may not follow each other.`;
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return `"${name}": a bucket name may not look like an IP address.`;
  if (name.startsWith('xn--') || name.startsWith('sthree-') || name.startsWith('amzn-s3-demo-')) return `"${name}": this prefix is reserved by S3.`;
  if (name.endsWith('-s3alias') || name.endsWith('--ol-s3') || name.endsWith('.mrap') || name.endsWith('--x-s3')) return `"${name}": this suffix is reserved by S3.`;
  return null;
}

/** One setting read on its own: AccessDenied on one must not hide the others. */
export type Setting<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: { readonly code: string; readonly message: string } };

export interface BucketDetails extends BucketExtras {
  readonly name: string;
  /** From GetBucketLocation, normalised ("us-east-1" where AWS answers null). */
  readonly region: Setting<string>;
  readonly versioning: Setting<'never' | 'enabled' | 'suspended'>;
  /** The default encryption, or null when none is configured. */
  readonly encryption: Setting<{ readonly algorithm: string; readonly kmsKeyId: string | null; readonly bucketKey: boolean } | null>;
  /** The public access block, or null when none is set. */
  readonly publicAccessBlock: Setting<{
    readonly blockPublicAcls: boolean;
    readonly ignorePublicAcls: boolean;
    readonly blockPublicPolicy: boolean;
    readonly restrictPublicBuckets: boolean;
  } | null>;
}

export interface BucketExtras {
  /** Object lock (GetObjectLockConfiguration), or null when the bucket has none. */
  readonly objectLock: Setting<{ readonly enabled: boolean; readonly mode: string | null; readonly days: number | null; readonly years: number | null } | null>;
  /** The owner from the bucket's ACL (display name where the server gives one, else the canonical id). */
  readonly owner: Setting<{ readonly id: string; readonly displayName: string | null }>;
}

/**
 * "Empty and delete" as a plan: every version and delete marker the bucket holds, listed with ListObjectVersions
 * before anything is deleted, so the confirmation states exact counts and the requests the run will send.
 */
export interface EmptyBucketPlan {
  readonly planId: string;
  readonly bucket: string;
  /** Current versions (what a listing shows as objects). */
  readonly objects: number;
  /** Older versions kept by versioning. */
  readonly noncurrentVersions: number;
  readonly deleteMarkers: number;
  /** Multipart uploads never completed (their parts are stored and billed): aborted first. */
  readonly incompleteUploads: number;
  /** Bytes of every version (delete markers have none). */
  readonly bytes: number;
  /** ListObjectVersions pages the plan itself sent. */
  readonly listRequests: number;
  /** What the run sends: AbortMultipartUpload per upload, DeleteObjects per 1,000 versions, then one DeleteBucket. */
  readonly requests: { readonly abortUploads: number; readonly deleteObjects: number; readonly deleteBucket: 1 };
  readonly sample: readonly string[];
  readonly estimate: CostEstimate;
}

export interface EmptyBucketReport {
  readonly planId: string;
  readonly status: 'deleted' | 'emptied-not-deleted' | 'partial' | 'cancelled';
  /** Versions and delete markers removed. */
  readonly removed: number;
  readonly uploadsAborted: number;
  readonly failed: ReadonlyArray<{ readonly key: string; readonly versionId: string; readonly code: string; readonly message: string }>;
  /** Versions never attempted (cancelled, or a batch failed as a whole). */
  readonly notRun: number;
  /** DeleteBucket's refusal once the versions were gone (someone wrote meanwhile), or null. */
  readonly bucketError: { readonly code: string; readonly message: string } | null;
}
