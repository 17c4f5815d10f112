/** A PUT of a body held in memory (PutObject, UploadPart), signed locally (../s3/direct-s3.ts), with retries. */
import type { S3Client } from '@aws-sdk/client-s3';
import { CodedError } from '../core/app-error';
import { toAppError } from '../core/to-app-error';
import { type BodyPace, isClockCorrected, sendDirect, throwIfError } from '../s3/direct-s3';
import { sleep } from './limiter';

/** Attempts after a network error, a 5xx or throttling (the body is in memory: safe to resend). */
const PUT_ATTEMPTS = 4;

export interface PutDirectArgs {
  readonly client: S3Client;
  readonly bucket: string;
  readonly key: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  readonly query?: Readonly<Record<string, string>>;
  readonly unsignedPayload?: boolean;
  /** The upload bandwidth limit: the body is written through it slice by slice (every attempt). */
  readonly pace?: BodyPace;
  readonly signal: AbortSignal;
  readonly operation: 'PutObject' | 'UploadPart';
}

/**
 * A PUT of a body held in memory (PutObject, UploadPart), retried after a network error, a 5xx or throttling
 * (safe: the same bytes are sent again). Resolves with the ETag the server answered (null if none).
 */
export async function putDirect(args: PutDirectArgs): Promise<string | null> {
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await sendDirect({ ...args, method: 'PUT' });
      await throwIfError(res, args.client);
      res.body.resume();
      const etag = res.headers['etag'];
      return typeof etag === 'string' ? etag : null;
    } catch (error) {
      const app = error instanceof CodedError ? error : new CodedError(toAppError(error, 'upload'));
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      const retryable =
        app.appError.code === 'Network' || app.appError.code === 'Throttled' || (status !== undefined && status >= 500) || isClockCorrected(error);
      if (args.signal.aborted || !retryable || attempt >= PUT_ATTEMPTS) throw error;
      const ceiling = Math.min(2000, 100 * 2 ** attempt);
      await sleep(ceiling / 2 + Math.random() * (ceiling / 2), args.signal);
    }
  }
}

