import type { FastifyInstance } from 'fastify';

const decodeCharRefs = (text: string) =>
  text.replace(/&#(x[0-9a-fA-F]+|[0-9]+);/g, (_m, ref: string) =>
    String.fromCodePoint(ref.startsWith('x') ? parseInt(ref.slice(1), 16) : parseInt(ref, 10)),
  );

/**
 * fauxqs 1.9.2 reads CompleteMultipartUpload's part list with two regexes and misreads valid XML that real S3
 * accepts: it decodes only the named entities (&quot; …), not numeric character references, and it expects
 * every <Part> to list its children in one order. Go's encoding/xml (rclone) writes the ETag quotes as &#34;,
 * and rclone's parts do not all list PartNumber and ETag in the same order: fauxqs then answers InvalidPart or
 * silently completes the object from a subset of its parts. This hook rewrites that request's part list into
 * the one form fauxqs reads (each part's number and ETag, quotes decoded), before fauxqs parses it.
 */
export function normalizeCompleteMultipartUpload(app: FastifyInstance): void {
  app.addHook('preHandler', async (request) => {
    const query = (request.query ?? {}) as Record<string, string | undefined>;
    if (request.method !== 'POST' || !query.uploadId || !Buffer.isBuffer(request.body)) return;
    const text = request.body.toString('utf8');
    const parts: string[] = [];
    for (const [, inner = ''] of text.matchAll(/<Part>([\s\S]*?)<\/Part>/g)) {
      const number = /<PartNumber>\s*(\d+)\s*<\/PartNumber>/.exec(inner)?.[1];
      const etag = /<ETag>([\s\S]*?)<\/ETag>/.exec(inner)?.[1];
      // Leave a part fauxqs must refuse as it is: only well-formed parts are rewritten.
      if (number === undefined || etag === undefined) return;
      parts.push(`<Part><PartNumber>${number}</PartNumber><ETag>${decodeCharRefs(etag)}</ETag></Part>`);
    }
    if (parts.length === 0) return;
    request.body = Buffer.from(`<CompleteMultipartUpload>${parts.join('')}</CompleteMultipartUpload>`, 'utf8');
  });
}
