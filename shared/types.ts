/** Domain types that cross the IPC boundary. Plain JSON only (no Date, no Map): the e2e bridge serializes them. */
import type { RestoreState } from './properties';

export type ConnectionId = string;

/** What the renderer may know about a connection: never a secret. */
export interface ConnectionSummary {
  readonly id: ConnectionId;
  readonly name: string;
  readonly endpoint: string | null;
  readonly region: string;
  readonly forcePathStyle: boolean;
  /** e.g. "AKIA…WXYZ", for recognising which key is in use. */
  readonly accessKeyHint: string | null;
  /** How the connection signs in (absent on summaries from before profiles existed: static keys). */
  readonly auth?: ConnectionAuthKind;
  /** The ~/.aws profile name when `auth` is "profile". */
  readonly profile?: string | null;
  /** Endpoint preset id (shared/endpoint-presets.ts) the connection was made from, if any. */
  readonly preset?: string | null;
  /** A bucket to open directly (for logins without ListBuckets permission). */
  readonly bucket?: string | null;
  /** Whether the connection is in the settings file (false: this session only). */
  readonly saved?: boolean;
  /** Where its secret lives: encrypted on disk, in memory for this session, missing (re-enter it), or none needed. */
  readonly secret?: SecretState;
  /** SHA-256 fingerprint of the one server certificate this connection trusts (self-signed servers), if any. */
  readonly trustedCertSha256?: string | null;
}

export type ConnectionAuthKind = 'keys' | 'profile' | 'default-chain';
export type SecretState = 'encrypted' | 'session-only' | 'missing' | 'none';

/** One profile of ~/.aws/config or ~/.aws/credentials, as the AWS CLI would see it. Never holds a secret. */
export interface AwsProfileSummary {
  readonly name: string;
  /** How the SDK will get credentials for it. */
  readonly kind: 'static' | 'session' | 'assume-role' | 'sso' | 'process' | 'web-identity' | 'unknown';
  readonly region: string | null;
  readonly endpoint: string | null;
  /** Which files define it. */
  readonly inConfig: boolean;
  readonly inCredentials: boolean;
  readonly sourceProfile: string | null;
  readonly ssoSession: string | null;
}

export interface AwsProfileList {
  readonly profiles: readonly AwsProfileSummary[];
  /** AWS_PROFILE or "default". */
  readonly defaultProfile: string;
  readonly configFile: string;
  readonly credentialsFile: string;
  /** Set when the files exist but could not be read. */
  readonly problem: string | null;
}

/** State of the saved-connections store, for a banner in the UI. */
export interface ConnectionStoreStatus {
  /** False when settings are not persisted at all (tests, or no user-data folder). */
  readonly persistent: boolean;
  /** False when the OS cannot encrypt: secrets are then kept for this session only. */
  readonly encryptionAvailable: boolean;
  readonly settingsFile: string | null;
  /** A settings file that could not be used, and where it was moved so nothing is overwritten. */
  readonly problem: { readonly message: string; readonly movedTo: string | null } | null;
}

/** Why a connection test failed, as specific as the server's answer allows. */
export type ConnectionTestFailure =
  | 'InvalidAccessKeyId'
  | 'SignatureDoesNotMatch'
  | 'ExpiredToken'
  | 'NoCredentials'
  | 'DnsFailure'
  | 'ConnectionRefused'
  | 'Timeout'
  | 'Tls'
  | 'NotS3'
  | 'NoListPermission'
  | 'NoSuchBucket'
  | 'BucketAccessDenied'
  | 'Other';

/** A server certificate as shown to the user before they choose to trust it. Public data only. */
export interface ServerCertificateInfo {
  /** "AB:CD:…" (32 bytes), as `openssl x509 -fingerprint -sha256` prints it. */
  readonly sha256: string;
  readonly subject: string;
  readonly issuer: string;
  readonly validFrom: string;
  readonly validTo: string;
  readonly selfSigned: boolean;
}

export type ConnectionTestResult =
  | { readonly ok: true; readonly bucketCount: number | null; readonly message: string }
  | {
      readonly ok: false;
      readonly failure: ConnectionTestFailure;
      readonly message: string;
      /** The login works but cannot list buckets: the UI offers "Open bucket…". */
      readonly canOpenBucket: boolean;
      /** On a TLS failure: the certificate the server presented, so the user can choose to trust it. */
      readonly certificate?: ServerCertificateInfo;
    };

export interface BucketInfo {
  readonly name: string;
  /** Epoch milliseconds, when the server reports it. */
  readonly createdAt: number | null;
}

export interface FolderEntry {
  readonly kind: 'folder';
  /** The full prefix, always ending in "/". */
  readonly key: string;
  readonly name: string;
}

export interface ObjectEntry {
  readonly kind: 'object';
  readonly key: string;
  readonly name: string;
  readonly size: number;
  /** Epoch milliseconds. */
  readonly lastModified: number;
  readonly etag: string;
  readonly storageClass: string;
  /** An archived object's restore (in progress, or readable until …): from the listing's RestoreStatus where
   *  the server sends it (AWS), else from a HeadObject already cached; absent when unknown or none. */
  readonly restore?: RestoreState;
}

export type Entry = FolderEntry | ObjectEntry;

export interface ListPage {
  readonly bucket: string;
  /** Canonical prefix of the listed folder ("" is the bucket root). */
  readonly prefix: string;
  readonly entries: readonly Entry[];
  /** Pass back as `cursor` to get the next page; null on the last page. */
  readonly nextCursor: string | null;
  readonly fromCache: boolean;
}

export type Stat =
  | { readonly kind: 'folder'; readonly key: string }
  | {
      readonly kind: 'object';
      readonly key: string;
      readonly size: number;
      readonly lastModified: number;
      readonly etag: string;
      readonly storageClass: string;
    };

export type StatOutcome =
  | { readonly key: string; readonly ok: true; readonly stat: Stat }
  | { readonly key: string; readonly ok: false; readonly code: 'NotCached' };

export interface HeadInfo {
  readonly key: string;
  readonly size: number;
  readonly lastModified: number;
  readonly etag: string;
  readonly storageClass: string;
  readonly contentType: string | null;
  readonly metadata: Readonly<Record<string, string>>;
  readonly serverSideEncryption: string | null;
  readonly versionId: string | null;
  /** From x-amz-restore (archived objects); absent where the head was made before it was read. */
  readonly restore?: RestoreState;
}

export interface CacheStats {
  readonly hits: number;
  readonly misses: number;
  readonly entries: number;
  readonly approxBytes: number;
  /** S3 requests sent by the app since start, by operation name (e.g. ListObjectsV2). */
  readonly requests: Readonly<Record<string, number>>;
}

/** "Calculate size" of a folder (objects:folder-size): one recursive listing, summed in main. */
export interface FolderSize {
  readonly objects: number;
  readonly bytes: number;
  /** ListObjectsV2 requests the count took (one per page of up to 1,000 keys). */
  readonly requests: number;
}
