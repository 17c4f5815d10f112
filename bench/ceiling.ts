/**
 * The ceiling of a transfers bench: the simplest fast client, parallel `curl` on presigned URLs (ranged GETs
 * into part files; UploadPart PUTs of pre-cut part files, then CompleteMultipartUpload). No hashing, no
 * journal, no checks: what the server, loopback and disk allow in that run.
 */
import { open, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CompleteMultipartUploadCommand, CreateMultipartUploadCommand, GetObjectCommand, type S3Client, UploadPartCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { runCli, type CliRun } from './cli-run';

const MiB = 1024 * 1024;
/** Ranges of a download; parts of an upload are 8 MiB (fauxqs refuses bodies over ~11 MiB; aws-cli's size). */
export const CEILING_PART = Number(process.env['BENCH_CEILING_PART_MIB'] ?? 16) * MiB;
export const CEILING_UPLOAD_PART = 8 * MiB;
export const CEILING_STREAMS = Number(process.env['BENCH_CEILING_STREAMS'] ?? 8);

const env = (): NodeJS.ProcessEnv => {
  const { AWS_CA_BUNDLE: _ca, ...rest } = process.env;
  return { ...rest, NO_PROXY: '127.0.0.1,localhost' };
};

function ranges(size: number, part = CEILING_PART): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let start = 0; start < size; start += part) out.push([start, Math.min(size, start + part) - 1]);
  return out;
}

/** Ranged GETs of one presigned URL, CEILING_STREAMS at once, each into a part file under `dir`. */
export async function curlDownload(client: S3Client, bucket: string, key: string, size: number, dir: string): Promise<CliRun> {
  await mkdir(dir, { recursive: true });
  const url = await getSignedUrl(client, new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn: 3600 });
  const list = ranges(size).map(([a, b], i) => `${a} ${b} ${path.join(dir, `part-${i}`)}`).join('\n');
  const listFile = path.join(dir, 'ranges');
  await writeFile(listFile, list + '\n');
  return runCli(
    `xargs -P "$2" -n 3 sh -c 'curl -sSf -r "$0-$1" -o "$2" "$URL"' < "$1"`,
    [listFile, String(CEILING_STREAMS)],
    { ...env(), URL: url },
  );
}

/** The big file cut into part files once (untimed), reused by every round. */
export async function cutParts(file: string, size: number, dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const fh = await open(file, 'r');
  try {
    const out: string[] = [];
    for (const [i, [a, b]] of ranges(size, CEILING_UPLOAD_PART).entries()) {
      const buf = Buffer.allocUnsafe(b - a + 1);
      await fh.read(buf, 0, buf.length, a);
      const part = path.join(dir, `part-${i}`);
      await writeFile(part, buf);
      out.push(part);
    }
    return out;
  } finally {
    await fh.close();
  }
}

/** Timed: create, presign, parallel `curl -T` of every part, complete. */
export async function curlUpload(client: S3Client, bucket: string, key: string, parts: readonly string[], scratch: string): Promise<CliRun> {
  await mkdir(scratch, { recursive: true });
  const created = await client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }));
  const uploadId = created.UploadId!;
  const lines: string[] = [];
  for (const [i, part] of parts.entries()) {
    const url = await getSignedUrl(client, new UploadPartCommand({ Bucket: bucket, Key: key, UploadId: uploadId, PartNumber: i + 1 }), { expiresIn: 3600 });
    lines.push(`${part} ${path.join(scratch, `h-${i}`)} ${url}`);
  }
  const listFile = path.join(scratch, 'parts');
  await writeFile(listFile, lines.join('\n') + '\n');
  // "Expect:" off: curl would otherwise wait for a 100 Continue before each body.
  const ran = await runCli(`xargs -P "$2" -n 3 sh -c 'curl -sSf -H "Expect:" -T "$0" -D "$1" -o /dev/null "$2"' < "$1"`, [listFile, String(CEILING_STREAMS)], env());
  if (!ran.ok) return ran;
  const etags: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const headers = await readFile(path.join(scratch, `h-${i}`), 'utf8');
    const m = /^etag:\s*(.+?)\s*$/im.exec(headers);
    if (!m) return { ok: false, cpuMs: ran.cpuMs };
    etags.push(m[1]!);
  }
  await client.send(
    new CompleteMultipartUploadCommand({
      Bucket: bucket,
      Key: key,
      UploadId: uploadId,
      MultipartUpload: { Parts: etags.map((ETag, i) => ({ ETag, PartNumber: i + 1 })) },
    }),
  );
  await rm(scratch, { recursive: true, force: true });
  return ran;
}
