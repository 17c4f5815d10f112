import { CreateMultipartUploadCommand, S3Client, UploadPartCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startS3Server, TEST_CREDENTIALS, type TestS3Server } from './s3-server';

let server: TestS3Server;
beforeAll(async () => {
  server = await startS3Server();
  server.createBucket('b');
});
afterAll(() => server.close());

it('completes a multipart upload written as Go writes it: &#34; quotes, parts listing their children in either order', async () => {
  const client = new S3Client({ endpoint: server.url, region: 'us-east-1', forcePathStyle: true, credentials: TEST_CREDENTIALS });
  const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: 'b', Key: 'k' }));
  // Non-last parts must be at least 5 MiB.
  const bodies = [Buffer.alloc(5 * 1024 * 1024, 'a'), Buffer.alloc(5 * 1024 * 1024, 'b'), Buffer.from('tail')];
  const etags: string[] = [];
  for (const [i, Body] of bodies.entries())
    etags.push((await client.send(new UploadPartCommand({ Bucket: 'b', Key: 'k', UploadId, PartNumber: i + 1, Body }))).ETag!);
  client.destroy();
  const quoted = etags.map((e) => e.replaceAll('"', '&#34;'));
  const body =
    '<CompleteMultipartUpload xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
    `<Part><ETag>${quoted[0]}</ETag><PartNumber>1</PartNumber></Part>` +
    `<Part><PartNumber>2</PartNumber><ETag>${quoted[1]}</ETag></Part>` +
    `<Part><ETag>${quoted[2]}</ETag><PartNumber>3</PartNumber></Part>` +
    '</CompleteMultipartUpload>';
  const res = await fetch(`${server.url}/b/k?uploadId=${encodeURIComponent(UploadId!)}`, { method: 'POST', body, headers: { 'content-type': 'application/xml' } });
  expect(res.status).toBe(200);
  expect(server.store.getObject('b', 'k').body.equals(Buffer.concat(bodies))).toBe(true);
});
