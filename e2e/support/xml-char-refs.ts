import type { FastifyInstance } from 'fastify';

/**
 * fauxqs 1.9.2 reads CompleteMultipartUpload's part ETags decoding only the named XML entities (&quot; …), not
 * numeric character references: Go's encoding/xml (rclone) writes the ETag quotes as &#34;, valid XML that
 * real S3 reads as '"', so fauxqs answers InvalidPart. This hook decodes numeric references in that request's
 * body before fauxqs parses it, so every client's multipart upload can complete against the test server.
 */
export function decodeXmlCharRefs(app: FastifyInstance): void {
  app.addHook('preHandler', async (request) => {
    const query = (request.query ?? {}) as Record<string, string | undefined>;
    if (request.method !== 'POST' || !query.uploadId || !Buffer.isBuffer(request.body)) return;
    const text = request.body.toString('utf8');
    if (!text.includes('&#')) return;
    const decoded = text.replace(/&#(x[0-9a-fA-F]+|[0-9]+);/g, (_m, ref: string) =>
      String.fromCodePoint(ref.startsWith('x') ? parseInt(ref.slice(1), 16) : parseInt(ref, 10)),
    );
    request.body = Buffer.from(decoded, 'utf8');
  });
}
