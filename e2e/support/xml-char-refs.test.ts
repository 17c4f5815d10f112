import { CreateMultipartUploadCommand, S3Client, UploadPartCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startS3Server, TEST_CREDENTIALS, type TestS3Server } from './s3-server';

let server: TestS3Server;
beforeAll(async () => {
  server = await startS3Server();
  server.createBucket('b');
});
afterAll(() => server.close());

it('completes a multipart upload whose part ETags are written with numeric character references (&#34;)', async () => {
  const client = new S3Client({ endpoint: server.url, region: 'us-east-1', forcePathStyle: true, credentials: TEST_CREDENTIALS });
  const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: 'b', Key: 'k' }));
  const { ETag } = await client.send(new UploadPartCommand({ Bucket: 'b', Key: 'k', UploadId, PartNumber: 1, Body: Buffer.from('hello') }));
  client.destroy();
  // As Go's encoding/xml writes it; the SDK would write &quot;, which fauxqs reads by itself.
  const etag = ETag!.replaceAll('"', '&#34;');
  const body = `<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>${etag}</ETag></Part></CompleteMultipartUpload>`;
  const res = await fetch(`${server.url}/b/k?uploadId=${encodeURIComponent(UploadId!)}`, { method: 'POST', body, headers: { 'content-type': 'application/xml' } });
  expect(res.status).toBe(200);
  expect(server.store.getObject('b', 'k').body.toString()).toBe('hello');
});
