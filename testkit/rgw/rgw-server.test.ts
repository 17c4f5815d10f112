import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CreateBucketCommand, ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { daemonPids } from './daemons';
import { startRgw } from './rgw-server';

const gone = (pid: number) => {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  // Exited but not reaped yet (a zombie of init) counts as gone.
  return !existsSync(`/proc/${pid}/stat`) || /\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
};

describe('a throwaway Ceph RGW', () => {
  it('serves S3 with its user, refuses a wrong secret, and leaves no daemon or directory behind', async () => {
    const rgw = await startRgw();
    const pids = daemonPids(join(rgw.dir, 'run'));
    expect(pids).toHaveLength(3);
    const client = (secretAccessKey: string) =>
      new S3Client({ endpoint: rgw.url, region: rgw.region, forcePathStyle: true, credentials: { ...rgw.credentials, secretAccessKey } });
    try {
      await client(rgw.credentials.secretAccessKey).send(new CreateBucketCommand({ Bucket: 'probe' }));
      const listed = await client(rgw.credentials.secretAccessKey).send(new ListBucketsCommand({}));
      expect(listed.Buckets?.map((b) => b.Name)).toEqual(['probe']);
      await expect(client('wrong').send(new ListBucketsCommand({}))).rejects.toMatchObject({ name: 'SignatureDoesNotMatch' });
    } finally {
      await rgw.stop();
    }
    expect(pids.every(gone)).toBe(true);
    expect(existsSync(rgw.dir)).toBe(false);
  });
});
