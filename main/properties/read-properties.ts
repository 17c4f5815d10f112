import {
  GetObjectAclCommand,
  type GetObjectAclCommandOutput,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  type HeadObjectCommandOutput,
  type S3Client,
} from '@aws-sdk/client-s3';
import {
  type AclGrant,
  type Encryption,
  type HeadProperties,
  type ObjectAcl,
  parseRestore,
  type Tag,
} from '../../shared/properties';

export async function headProperties(client: S3Client, bucket: string, key: string, signal?: AbortSignal): Promise<HeadProperties> {
  const out = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }), signal ? { abortSignal: signal } : {});
  return fromHead(key, out);
}

export function fromHead(key: string, out: HeadObjectCommandOutput): HeadProperties {
  return {
    key,
    size: out.ContentLength ?? 0,
    lastModified: out.LastModified?.getTime() ?? 0,
    etag: out.ETag ?? '',
    versionId: out.VersionId ?? null,
    // HeadObject leaves x-amz-storage-class out for STANDARD.
    storageClass: out.StorageClass ?? 'STANDARD',
    headers: {
      contentType: out.ContentType ?? null,
      cacheControl: out.CacheControl ?? null,
      contentDisposition: out.ContentDisposition ?? null,
      contentEncoding: out.ContentEncoding ?? null,
      contentLanguage: out.ContentLanguage ?? null,
      // The SDK parses Expires into a Date and keeps the raw text aside; the raw text is what the user wrote.
      expires: out.ExpiresString ?? out.Expires?.toUTCString() ?? null,
    },
    metadata: { ...(out.Metadata ?? {}) },
    encryption: encryptionOf(out.ServerSideEncryption, out.SSEKMSKeyId),
    restore: parseRestore(out.Restore),
  };
}

function encryptionOf(sse: string | undefined, keyId: string | undefined): Encryption {
  if (sse === 'AES256') return { kind: 'AES256' };
  if (sse === 'aws:kms' || sse === 'aws:kms:dsse') return keyId ? { kind: 'aws:kms', keyId } : { kind: 'aws:kms' };
  return { kind: 'none' };
}

export async function readTags(client: S3Client, bucket: string, key: string, signal?: AbortSignal): Promise<Tag[]> {
  const out = await client.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: key }), signal ? { abortSignal: signal } : {});
  return (out.TagSet ?? []).map((t) => ({ key: t.Key ?? '', value: t.Value ?? '' }));
}

const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';
const AUTHENTICATED = 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers';

/** The raw GetObjectAcl answer (to re-apply it after a copy) and its readable form. */
export interface AclRead {
  readonly acl: ObjectAcl;
  readonly raw: Pick<GetObjectAclCommandOutput, 'Owner' | 'Grants'>;
  /** Only the owner's FULL_CONTROL: what every copy gets anyway, so nothing to re-apply. */
  readonly ownerOnly: boolean;
}

export async function readAcl(client: S3Client, bucket: string, key: string, signal?: AbortSignal): Promise<AclRead> {
  const out = await client.send(new GetObjectAclCommand({ Bucket: bucket, Key: key }), signal ? { abortSignal: signal } : {});
  return aclOf({ Owner: out.Owner, Grants: out.Grants });
}

export function aclOf(raw: AclRead['raw']): AclRead {
  const ownerId = raw.Owner?.ID ?? '';
  const grants: AclGrant[] = (raw.Grants ?? []).map((g) => {
    const type = (g.Grantee?.Type ?? 'CanonicalUser') as AclGrant['type'];
    const grantee = g.Grantee?.URI ?? g.Grantee?.EmailAddress ?? (g.Grantee?.DisplayName ? `${g.Grantee.DisplayName} (${g.Grantee.ID ?? ''})` : (g.Grantee?.ID ?? ''));
    return { grantee, type, permission: g.Permission ?? '' };
  });
  const isPublic = (raw.Grants ?? []).some((g) => g.Grantee?.URI === ALL_USERS || g.Grantee?.URI === AUTHENTICATED);
  const ownerOnly = (raw.Grants ?? []).every((g) => g.Grantee?.Type === 'CanonicalUser' && g.Grantee.ID === ownerId && g.Permission === 'FULL_CONTROL');
  const owner = raw.Owner?.DisplayName ? `${raw.Owner.DisplayName} (${ownerId})` : ownerId;
  return { acl: { owner, grants, public: isPublic }, raw, ownerOnly };
}
