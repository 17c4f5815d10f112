import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { childKey } from '../../shared/keys';
import { nameProblem } from '../../shared/operations';
import { CodedError } from '../core/app-error';
import { anyUnder } from '../s3/list-objects';

/**
 * A folder is a zero-byte "name/" marker object. Refuses a name that already is a folder here (a marker or
 * any key under it: one ListObjectsV2 with MaxKeys 1), so a new folder never hides existing content.
 */
export async function createFolder(client: S3Client, bucket: string, prefix: string, name: string): Promise<string> {
  const problem = nameProblem(name, prefix, true);
  if (problem) throw new CodedError({ code: 'InvalidInput', message: problem });
  const key = childKey(prefix, name, true);
  if (await anyUnder(client, bucket, key)) throw new CodedError({ code: 'Conflict', message: `a folder named "${name}" already exists` });
  await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: new Uint8Array(), ContentLength: 0 }));
  return key;
}
