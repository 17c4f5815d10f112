/**
 * The field schemas every request is built from (ids, bucket names, keys): shared by the IPC request schemas
 * and the drag-out protocol, which validates its URL with the same rules.
 */
import { z } from 'zod';
import { isKeyTooLong, MAX_KEY_BYTES } from '../../shared/keys';

export const id = z.string().min(1).max(200);
/** S3 allows 3–63 chars on AWS; S3-compatible stores are looser, so only forbid what can never be a bucket. */
export const bucket = z.string().min(1).max(255).regex(/^[^\s/\\]+$/, 'not a bucket name');
export const key = z.string().max(MAX_KEY_BYTES).refine((k) => !isKeyTooLong(k), `key longer than ${MAX_KEY_BYTES} bytes`);
export const nonEmptyKey = key.refine((k) => k.length > 0, 'empty key');
