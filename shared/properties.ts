/**
 * Object properties (issue 15): what one object is (headers, metadata, class, tags, ACL, encryption, restore
 * state) and edits of one or many objects, always run as a plan. The rules that check an edit live here, pure,
 * so the renderer can refuse bad input as it is typed and main refuses it again before any request.
 */
import type { CostEstimate, RestoreTier } from './cost';
import { RESTORE_TIERS } from './cost';
import type { ConnectionId } from './types';

/** The content headers S3 stores with an object and sends back on GET. */
export const CONTENT_HEADERS = ['contentType', 'cacheControl', 'contentDisposition', 'contentEncoding', 'contentLanguage', 'expires'] as const;
export type ContentHeader = (typeof CONTENT_HEADERS)[number];

/** Their HTTP names, for messages. */
export const HEADER_NAMES: Readonly<Record<ContentHeader, string>> = {
  contentType: 'Content-Type',
  cacheControl: 'Cache-Control',
  contentDisposition: 'Content-Disposition',
  contentEncoding: 'Content-Encoding',
  contentLanguage: 'Content-Language',
  expires: 'Expires',
};

export type ContentHeaders = { readonly [H in ContentHeader]: string | null };

export const STORAGE_CLASSES = [
  'STANDARD',
  'STANDARD_IA',
  'ONEZONE_IA',
  'INTELLIGENT_TIERING',
  'GLACIER_IR',
  'GLACIER',
  'DEEP_ARCHIVE',
  'REDUCED_REDUNDANCY',
] as const;

/** Classes whose objects must be restored before they can be read or copied. */
export const ARCHIVE_CLASSES: ReadonlySet<string> = new Set(['GLACIER', 'DEEP_ARCHIVE']);

export const CANNED_ACLS = ['private', 'public-read', 'public-read-write', 'authenticated-read', 'bucket-owner-read', 'bucket-owner-full-control'] as const;
export type CannedAcl = (typeof CANNED_ACLS)[number];

export type Encryption =
  | { readonly kind: 'none' }
  | { readonly kind: 'AES256' }
  /** keyId: a key id, ARN or alias ("alias/…"); absent means the account's AWS-managed key. */
  | { readonly kind: 'aws:kms'; readonly keyId?: string };

export interface Tag {
  readonly key: string;
  readonly value: string;
}

export interface AclGrant {
  /** Who: a canonical user (id and name), a group URI (AllUsers, AuthenticatedUsers) or an email. */
  readonly grantee: string;
  readonly type: 'CanonicalUser' | 'Group' | 'AmazonCustomerByEmail';
  readonly permission: string;
}

export interface ObjectAcl {
  readonly owner: string;
  readonly grants: readonly AclGrant[];
  /** Some grant reaches AllUsers or AuthenticatedUsers. */
  readonly public: boolean;
}

/** From x-amz-restore: none asked, running, or done and readable until a time. */
export type RestoreState =
  | { readonly state: 'none' }
  | { readonly state: 'in-progress' }
  | { readonly state: 'available'; readonly until: number | null };

/** One section that could not be read (AccessDenied on tags must not hide the headers). */
export interface SectionError {
  readonly code: string;
  readonly message: string;
}

export type Section<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: SectionError };

/** What HeadObject says about an object: everything but tags and ACL. */
export interface HeadProperties {
  readonly key: string;
  readonly size: number;
  readonly lastModified: number;
  readonly etag: string;
  readonly versionId: string | null;
  readonly storageClass: string;
  readonly headers: ContentHeaders;
  readonly metadata: Readonly<Record<string, string>>;
  readonly encryption: Encryption;
  readonly restore: RestoreState;
}

export interface ObjectProperties extends HeadProperties {
  readonly tags: Section<readonly Tag[]>;
  readonly acl: Section<ObjectAcl>;
}

/** An edit of one or many objects. Absent fields stay as they are on every object. */
export interface PropertiesEdit {
  /** A string sets the header, null removes it. */
  readonly headers?: Partial<Record<ContentHeader, string | null>>;
  /** User metadata: keys without the x-amz-meta- prefix, lower case (S3 lower-cases them). */
  readonly metadata?: { readonly set?: Readonly<Record<string, string>>; readonly remove?: readonly string[] };
  readonly storageClass?: string;
  readonly tags?: { readonly set?: Readonly<Record<string, string>>; readonly remove?: readonly string[] };
  readonly acl?: CannedAcl;
  readonly encryption?: Exclude<Encryption, { kind: 'none' }>;
  /** Archive restore (GLACIER / DEEP_ARCHIVE objects only): a temporary readable copy for `days`. Alone. */
  readonly restore?: RestoreRequest;
}

export interface RestoreRequest {
  readonly days: number;
  readonly tier: RestoreTier;
}

/** S3 keeps a restored copy for 1 day up to 100 years. */
export const MAX_RESTORE_DAYS = 36_500;

export interface PropertiesPlanRequest {
  readonly connectionId: ConnectionId;
  readonly bucket: string;
  /** Object keys and folder prefixes (ending in "/", taken recursively). */
  readonly keys: readonly string[];
  readonly edit: PropertiesEdit;
}

/** How many requests of each S3 operation the run will send (HeadObject among them, before it sends them). */
export type RequestCounts = Readonly<Record<string, number>>;

export interface PropertiesPlan {
  readonly planId: string;
  readonly objects: number;
  readonly bytes: number;
  readonly sample: readonly string[];
  /** Objects rewritten by a copy onto themselves (headers, metadata, class or encryption change). */
  readonly copies: number;
  /** Of those, above the single-copy limit (5 GiB): multipart copy. */
  readonly multipartCopies: number;
  /** Exactly what the run sends, by S3 operation (HeadObject among them), before it sends any of it. */
  readonly requests: RequestCounts;
  /** Requests sent only where needed, at most this many: PutObjectAcl re-applies an ACL that was more than private. */
  readonly requestsAtMost: RequestCounts;
  /** Sentences for the confirmation: what changes, what is kept and how. */
  readonly effects: readonly string[];
  readonly estimate: CostEstimate;
}

export interface PropertiesFailure {
  readonly key: string;
  readonly code: string;
  readonly message: string;
}

export interface PropertiesReport {
  readonly planId: string;
  readonly status: 'done' | 'partial' | 'failed' | 'cancelled';
  readonly total: number;
  readonly succeeded: readonly string[];
  readonly failed: readonly PropertiesFailure[];
  readonly skipped: readonly string[];
  /** Requests actually sent, by operation. */
  readonly requests: RequestCounts;
}

/** S3 limits: 10 tags an object, keys up to 128 and values up to 256 Unicode characters. */
export const MAX_TAGS = 10;
export const MAX_TAG_KEY = 128;
export const MAX_TAG_VALUE = 256;
/** AWS: the whole user-metadata header block (names and values, UTF-8) is at most 2 KB. */
export const MAX_METADATA_BYTES = 2048;

const TOKEN = /^[!#$%&'*+.^_`|~0-9a-z-]+$/;
// Tag characters AWS allows: letters, digits, spaces and + - = . _ : / @ (any script's letters and digits).
const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** Why `name` cannot be a user-metadata key (without x-amz-meta-), or null. */
export function metadataKeyProblem(name: string): string | null {
  if (name.length === 0) return 'A metadata name is empty.';
  if (name !== name.toLowerCase()) return `"${name}": S3 stores metadata names in lower case; write it as "${name.toLowerCase()}".`;
  if (!TOKEN.test(name)) {
    const bad = [...name].find((c) => !TOKEN.test(c)) ?? '';
    return `"${name}": ${describeChar(bad)} cannot be part of an HTTP header name (letters, digits and !#$%&'*+-.^_\`|~ only).`;
  }
  return null;
}

/** Why `value` cannot travel in an HTTP header (x-amz-meta-* or a content header), or null. */
export function headerValueProblem(label: string, value: string): string | null {
  for (const c of value) {
    const code = c.codePointAt(0) ?? 0;
    if (code > 0x7e) return `${label}: ${describeChar(c)} cannot travel in an HTTP header; use ASCII (S3 would store it mangled).`;
    if ((code < 0x20 && code !== 0x09) || code === 0x7f) return `${label}: ${describeChar(c)} cannot be part of an HTTP header.`;
  }
  if (value !== value.trim()) return `${label}: leading or trailing spaces are dropped by HTTP; remove them.`;
  return null;
}

function describeChar(c: string): string {
  const code = (c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
  if (c === ' ') return 'a space';
  return /[\p{L}\p{N}\p{P}\p{S}]/u.test(c) ? `"${c}" (U+${code})` : `the character U+${code}`;
}

/** Why a tag key or value breaks S3's rules, or null. */
export function tagProblem(key: string, value: string): string | null {
  if (key.length === 0) return 'A tag key is empty.';
  if ([...key].length > MAX_TAG_KEY) return `Tag key "${key.slice(0, 20)}…" is longer than ${MAX_TAG_KEY} characters.`;
  if ([...value].length > MAX_TAG_VALUE) return `The value of tag "${key}" is longer than ${MAX_TAG_VALUE} characters.`;
  if (key.toLowerCase().startsWith('aws:')) return `Tag key "${key}": the "aws:" prefix is reserved for AWS.`;
  if (!TAG_TEXT.test(key)) return `Tag key "${key}": only letters, digits, spaces and + - = . _ : / @ are allowed.`;
  if (!TAG_TEXT.test(value)) return `The value of tag "${key}": only letters, digits, spaces and + - = . _ : / @ are allowed.`;
  return null;
}

/** The tag set after a patch, or the reason it is invalid. */
export function patchTags(current: readonly Tag[], patch: NonNullable<PropertiesEdit['tags']>): { tags: Tag[] } | { problem: string } {
  const map = new Map(current.map((t) => [t.key, t.value]));
  for (const k of patch.remove ?? []) map.delete(k);
  for (const [k, v] of Object.entries(patch.set ?? {})) map.set(k, v);
  if (map.size > MAX_TAGS) return { problem: `${map.size} tags: S3 allows at most ${MAX_TAGS} per object.` };
  return { tags: [...map].map(([key, value]) => ({ key, value })) };
}

/** User metadata after a patch. */
export function patchMetadata(current: Readonly<Record<string, string>>, patch: PropertiesEdit['metadata']): Record<string, string> {
  const out: Record<string, string> = { ...current };
  for (const k of patch?.remove ?? []) delete out[k];
  for (const [k, v] of Object.entries(patch?.set ?? {})) out[k] = v;
  return out;
}

export function metadataBytes(metadata: Readonly<Record<string, string>>): number {
  const enc = new TextEncoder();
  return Object.entries(metadata).reduce((n, [k, v]) => n + enc.encode(k).length + enc.encode(v).length, 0);
}

/** Every problem with an edit, before anything is sent (empty when it can be planned). */
export function editProblems(edit: PropertiesEdit): string[] {
  const problems: string[] = [];
  for (const [name, value] of Object.entries(edit.headers ?? {})) {
    if (!(CONTENT_HEADERS as readonly string[]).includes(name)) problems.push(`"${name}" is not a content header S3 keeps.`);
    else if (typeof value === 'string') {
      const label = HEADER_NAMES[name as ContentHeader];
      const p = value.length === 0 ? `${label} is empty; remove the header instead.` : headerValueProblem(label, value);
      if (p) problems.push(p);
      if (name === 'expires' && !p && Number.isNaN(Date.parse(value))) problems.push(`Expires: "${value}" is not a date (e.g. Wed, 21 Oct 2026 07:28:00 GMT).`);
    }
  }
  for (const [k, v] of Object.entries(edit.metadata?.set ?? {})) {
    const p = metadataKeyProblem(k) ?? headerValueProblem(`x-amz-meta-${k}`, v);
    if (p) problems.push(p);
  }
  const setMeta = edit.metadata?.set ?? {};
  if (metadataBytes(setMeta) > MAX_METADATA_BYTES) problems.push(`User metadata would exceed S3's ${MAX_METADATA_BYTES} bytes.`);
  for (const [k, v] of Object.entries(edit.tags?.set ?? {})) {
    const p = tagProblem(k, v);
    if (p) problems.push(p);
  }
  if (Object.keys(edit.tags?.set ?? {}).length > MAX_TAGS) problems.push(`S3 allows at most ${MAX_TAGS} tags per object.`);
  if (edit.storageClass !== undefined && !/^[A-Z][A-Z0-9_]{0,63}$/.test(edit.storageClass)) {
    problems.push(`"${edit.storageClass}" is not a storage class name (upper case, e.g. STANDARD_IA).`);
  }
  if (edit.encryption?.kind === 'aws:kms' && edit.encryption.keyId !== undefined) {
    const p = edit.encryption.keyId.length === 0 ? 'The KMS key id is empty; leave it out for the AWS-managed key.' : headerValueProblem('KMS key id', edit.encryption.keyId);
    if (p) problems.push(p);
  }
  if (edit.restore) {
    const { days, tier } = edit.restore;
    if (!Number.isInteger(days) || days < 1 || days > MAX_RESTORE_DAYS) problems.push(`Restore for 1 to ${MAX_RESTORE_DAYS} whole days, not ${days}.`);
    if (!RESTORE_TIERS.includes(tier)) problems.push(`"${String(tier)}" is not a restore tier (Expedited, Standard or Bulk).`);
    // An archived object cannot be copied or re-tagged meaningfully before it is back: a restore goes alone.
    if (!isEmptyEdit({ ...edit, restore: undefined })) problems.push('A restore is requested on its own: make the other changes once the objects are restored.');
  }
  if (isEmptyEdit(edit)) problems.push('The edit changes nothing.');
  return problems;
}

export function isEmptyEdit(edit: PropertiesEdit): boolean {
  return (
    Object.keys(edit.headers ?? {}).length === 0 &&
    Object.keys(edit.metadata?.set ?? {}).length === 0 &&
    (edit.metadata?.remove ?? []).length === 0 &&
    Object.keys(edit.tags?.set ?? {}).length === 0 &&
    (edit.tags?.remove ?? []).length === 0 &&
    edit.storageClass === undefined &&
    edit.acl === undefined &&
    edit.encryption === undefined &&
    edit.restore === undefined
  );
}

/** An edit that rewrites the object (a copy onto itself): anything but tags and ACL alone. */
export function needsCopy(edit: PropertiesEdit): boolean {
  return (
    Object.keys(edit.headers ?? {}).length > 0 ||
    Object.keys(edit.metadata?.set ?? {}).length > 0 ||
    (edit.metadata?.remove ?? []).length > 0 ||
    edit.storageClass !== undefined ||
    edit.encryption !== undefined
  );
}

export function changesTags(edit: PropertiesEdit): boolean {
  return Object.keys(edit.tags?.set ?? {}).length > 0 || (edit.tags?.remove ?? []).length > 0;
}

/** Parse x-amz-restore: `ongoing-request="true"` or `ongoing-request="false", expiry-date="…"`. */
export function parseRestore(header: string | undefined | null): RestoreState {
  if (!header) return { state: 'none' };
  if (/ongoing-request\s*=\s*"true"/i.test(header)) return { state: 'in-progress' };
  const expiry = /expiry-date\s*=\s*"([^"]+)"/i.exec(header)?.[1];
  const until = expiry ? Date.parse(expiry) : NaN;
  return { state: 'available', until: Number.isNaN(until) ? null : until };
}
