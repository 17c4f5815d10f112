import type { FastifyInstance } from 'fastify';
import type { S3Store } from './s3-server';

interface StoredUpload {
  readonly uploadId: string;
  readonly bucket: string;
  readonly key: string;
  readonly initiated: Date;
  readonly parts: Map<number, { partNumber: number; body: Buffer; etag: string; lastModified: Date }>;
}

const xml = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/**
 * fauxqs 1.9.2 has neither ListParts nor ListMultipartUploads (its GET answers the object, or a listing).
 * This hook answers both from fauxqs' own multipart records (the store's `multipartUploads` map), with S3's
 * XML and paging (max-parts / part-number-marker), so resumed uploads and the incomplete-uploads view run
 * against the test server as against S3. Ceph RGW has both natively.
 */
export function addListParts(app: FastifyInstance, store: S3Store): void {
  const uploads = (store as unknown as { multipartUploads: Map<string, StoredUpload> }).multipartUploads;
  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'GET') return;
    const url = new URL(request.url, 'http://fauxqs');
    const [, bucket = '', ...rest] = url.pathname.split('/');
    const key = decodeURIComponent(rest.join('/'));
    const q = url.searchParams;
    const send = (status: number, body: string) => reply.status(status).header('content-type', 'application/xml').send(`<?xml version="1.0" encoding="UTF-8"?>${body}`);
    if (key && q.has('uploadId')) {
      const upload = uploads.get(q.get('uploadId')!);
      if (!upload || upload.key !== key) return send(404, '<Error><Code>NoSuchUpload</Code><Message>The specified upload does not exist.</Message></Error>');
      const max = Math.min(1000, Number(q.get('max-parts') ?? 1000));
      const marker = Number(q.get('part-number-marker') ?? 0);
      const all = [...upload.parts.values()].filter((p) => p.partNumber > marker).sort((a, b) => a.partNumber - b.partNumber);
      const page = all.slice(0, max);
      const truncated = all.length > page.length;
      const parts = page
        .map((p) => `<Part><PartNumber>${p.partNumber}</PartNumber><LastModified>${p.lastModified.toISOString()}</LastModified><ETag>${xml(p.etag)}</ETag><Size>${p.body.length}</Size></Part>`)
        .join('');
      return send(
        200,
        `<ListPartsResult><Bucket>${xml(bucket)}</Bucket><Key>${xml(key)}</Key><UploadId>${xml(upload.uploadId)}</UploadId><PartNumberMarker>${marker}</PartNumberMarker>` +
          `<NextPartNumberMarker>${page.at(-1)?.partNumber ?? marker}</NextPartNumberMarker><MaxParts>${max}</MaxParts><IsTruncated>${truncated}</IsTruncated>${parts}</ListPartsResult>`,
      );
    }
    if (!key && bucket && q.has('uploads')) {
      const prefix = q.get('prefix') ?? '';
      const list = [...uploads.values()].filter((u) => u.bucket === decodeURIComponent(bucket) && u.key.startsWith(prefix)).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      const owner = '<ID>s3desk-test</ID><DisplayName>s3desk-test</DisplayName>';
      const items = list
        .map((u) => `<Upload><Key>${xml(u.key)}</Key><UploadId>${xml(u.uploadId)}</UploadId><Initiator>${owner}</Initiator><Owner>${owner}</Owner><StorageClass>STANDARD</StorageClass><Initiated>${u.initiated.toISOString()}</Initiated></Upload>`)
        .join('');
      return send(200, `<ListMultipartUploadsResult><Bucket>${xml(decodeURIComponent(bucket))}</Bucket><KeyMarker></KeyMarker><UploadIdMarker></UploadIdMarker><MaxUploads>1000</MaxUploads><IsTruncated>false</IsTruncated>${items}</ListMultipartUploadsResult>`);
    }
  });
}
