import type { FastifyInstance } from 'fastify';
import type { S3Store } from './s3-server';

interface PartStore extends S3Store {
  uploadPart(uploadId: string, partNumber: number, body: Buffer): string;
}

/**
 * fauxqs 1.9.2 has no UploadPartCopy: its UploadPart ignores x-amz-copy-source and would store the empty
 * request body as the part. This hook gives the test server the real S3 behaviour (copy a byte range of an
 * existing object into a part, honour x-amz-copy-source-if-match), so multipart server-side copies can be
 * tested end to end, with the result checked byte for byte in the store.
 */
export function addUploadPartCopy(app: FastifyInstance, store: S3Store): void {
  app.addHook('preHandler', async (request, reply) => {
    const query = (request.query ?? {}) as Record<string, string | undefined>;
    const header = request.headers['x-amz-copy-source'];
    if (request.method !== 'PUT' || typeof header !== 'string' || !query.uploadId || !query.partNumber) return;
    const fail = (status: number, code: string, message: string) =>
      reply
        .status(status)
        .header('content-type', 'application/xml')
        .send(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`);
    const decoded = decodeURIComponent(header).replace(/^\//, '');
    const slash = decoded.indexOf('/');
    let source: { body: Buffer; etag: string };
    try {
      source = store.getObject(decoded.slice(0, slash), decoded.slice(slash + 1));
    } catch {
      return fail(404, 'NoSuchKey', 'The specified key does not exist.');
    }
    const ifMatch = request.headers['x-amz-copy-source-if-match'];
    if (typeof ifMatch === 'string' && ifMatch.replaceAll('"', '') !== source.etag.replaceAll('"', '')) {
      return fail(412, 'PreconditionFailed', 'At least one of the pre-conditions you specified did not hold');
    }
    const range = request.headers['x-amz-copy-source-range'];
    let part = source.body;
    if (typeof range === 'string') {
      const m = /^bytes=(\d+)-(\d+)$/.exec(range);
      if (!m || Number(m[2]) >= source.body.length || Number(m[1]) > Number(m[2])) return fail(400, 'InvalidArgument', 'bad range');
      part = source.body.subarray(Number(m[1]), Number(m[2]) + 1);
    }
    let etag: string;
    try {
      etag = (store as PartStore).uploadPart(query.uploadId, Number(query.partNumber), Buffer.from(part));
    } catch {
      return fail(404, 'NoSuchUpload', 'The specified upload does not exist.');
    }
    return reply
      .status(200)
      .header('content-type', 'application/xml')
      .send(
        `<?xml version="1.0" encoding="UTF-8"?><CopyPartResult><ETag>${etag.replaceAll('"', '&quot;')}</ETag><LastModified>${new Date().toISOString()}</LastModified></CopyPartResult>`,
      );
  });
}
