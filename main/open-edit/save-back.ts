/**
 * The server side of save-back: is the object still the one the edit started from, and a conditional upload.
 * The HEAD check works on every server; `If-Match` on the PutObject closes the race between that check and
 * the write where the server honours it (AWS since 2024, Ceph RGW): a 412 there is a conflict too.
 * Ceph RGW (16.2) compares a PUT's If-Match with its stored ETag byte for byte, quotes included, so the quoted
 * form RFC 9110 and AWS use always fails there: a 412 whose HEAD still shows the expected ETag is retried once
 * with the bare value, and that client keeps sending it bare.
 */
import { HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { CodedError, codedError } from '../core/app-error';

export type ServerState = { readonly kind: 'same' } | { readonly kind: 'changed'; readonly etag: string } | { readonly kind: 'deleted' };

const statusOf = (error: unknown) => (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;

export interface ObjectHead {
  readonly etag: string;
  readonly size: number;
  readonly contentType: string | null;
  readonly metadata: Readonly<Record<string, string>>;
}

export async function headObject(client: S3Client, bucket: string, key: string): Promise<ObjectHead | null> {
  try {
    const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return { etag: head.ETag ?? '', size: head.ContentLength ?? 0, contentType: head.ContentType ?? null, metadata: head.Metadata ?? {} };
  } catch (error) {
    if (statusOf(error) === 404) return null;
    throw error;
  }
}

export async function serverState(client: S3Client, bucket: string, key: string, etag: string): Promise<ServerState> {
  const head = await headObject(client, bucket, key);
  if (!head) return { kind: 'deleted' };
  return head.etag === etag ? { kind: 'same' } : { kind: 'changed', etag: head.etag };
}

export interface PutArgs {
  readonly client: S3Client;
  readonly bucket: string;
  readonly key: string;
  readonly body: Buffer;
  /** Upload only if the object still has this ETag. */
  readonly ifMatch?: string;
  /** Upload only if no object has this key (Save as). */
  readonly ifNoneMatch?: boolean;
  readonly contentType: string | null;
  readonly metadata: Readonly<Record<string, string>>;
  readonly signal: AbortSignal;
}

/** Clients whose server wants If-Match without quotes (see above). */
const bareIfMatch = new WeakSet<S3Client>();
const bare = (etag: string) => etag.replace(/^"(.*)"$/, '$1');

/** One PutObject; a failed precondition becomes a Conflict error. Returns the new ETag. */
export async function putObject(args: PutArgs): Promise<string> {
  if (!args.ifMatch) return putOnce(args);
  const quoted = !bareIfMatch.has(args.client);
  try {
    return await putOnce(quoted ? args : { ...args, ifMatch: bare(args.ifMatch) });
  } catch (error) {
    if (!quoted || !(error instanceof CodedError) || error.appError.code !== 'Conflict') throw error;
    const head = await headObject(args.client, args.bucket, args.key);
    if (head?.etag !== args.ifMatch) throw error;
    const etag = await putOnce({ ...args, ifMatch: bare(args.ifMatch) });
    bareIfMatch.add(args.client);
    return etag;
  }
}

async function putOnce(args: PutArgs): Promise<string> {
  try {
    const out = await args.client.send(
      new PutObjectCommand({
        Bucket: args.bucket,
        Key: args.key,
        Body: args.body,
        ContentLength: args.body.length,
        ...(args.contentType ? { ContentType: args.contentType } : {}),
        Metadata: { ...args.metadata },
        ...(args.ifMatch ? { IfMatch: args.ifMatch } : {}),
        ...(args.ifNoneMatch ? { IfNoneMatch: '*' } : {}),
      }),
      { abortSignal: args.signal },
    );
    return out.ETag ?? '';
  } catch (error) {
    const status = statusOf(error);
    if (status === 412 || status === 409) {
      throw codedError('Conflict', args.ifNoneMatch ? `${args.key} already exists on the server` : `${args.key} was changed on the server since it was opened`);
    }
    throw error;
  }
}
