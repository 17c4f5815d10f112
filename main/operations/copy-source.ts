/**
 * The x-amz-copy-source value for CopyObject and UploadPartCopy: "bucket/key" with the key percent-encoded
 * (the SDK sends this header as given). Each path segment is encoded on its own so "/" stays a separator while
 * space, unicode, "+", "%", "#" and "?" reach the server as the exact key bytes ("+" must not become a space).
 */
export function copySource(bucket: string, key: string, versionId?: string): string {
  const path = `${encodeURIComponent(bucket)}/${key.split('/').map(encodeSegment).join('/')}`;
  // A version id is S3's own query on the copy source (restore a version as current).
  return versionId === undefined ? path : `${path}?versionId=${encodeURIComponent(versionId)}`;
}

/** encodeURIComponent leaves !'()* alone; S3 decodes them the same either way, but encode them for strict servers. */
function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
