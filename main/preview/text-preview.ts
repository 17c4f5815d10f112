/**
 * Text previews in steps of TEXT_PREVIEW_BYTES: plain objects by one ranged GET per step; gzip'd ones by one
 * bounded ranged GET from the start, inflated in main (zlib) until the step's output is reached, so a 5 GB
 * log.gz costs at most the step's end + GZIP_READ_SLACK bytes and never a full download. (gzip has no index:
 * "load more" reads from the start again, which is what a bounded, stateless main can do.)
 */
import { createGunzip } from 'node:zlib';
import { GZIP_READ_SLACK, TEXT_PREVIEW_BYTES, type TextChunk, type Unreadable } from '../../shared/preview';
import { newMeter, type ObjectRef, readRange, type ReadMeter } from './ranged-read';

const statusOf = (error: unknown) => (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;

/** How many bytes of `bytes` end on a whole UTF-8 character (a cut multi-byte sequence is left for later). */
export function wholeUtf8Length(bytes: Uint8Array): number {
  let i = bytes.length - 1;
  // Walk back over continuation bytes (10xxxxxx) to the last lead byte, at most 3.
  let back = 0;
  while (i >= 0 && back < 3 && ((bytes[i] as number) & 0xc0) === 0x80) {
    i--;
    back++;
  }
  if (i < 0) return bytes.length;
  const lead = bytes[i] as number;
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return bytes.length - i >= need ? bytes.length : i;
}

export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}

function chunk(bytes: Uint8Array, start: number, size: number, more: boolean, contentType: string | null, meter: ReadMeter): TextChunk {
  const whole = more ? wholeUtf8Length(bytes) : bytes.length;
  return {
    kind: 'text',
    text: new TextDecoder('utf-8').decode(bytes.subarray(0, whole)),
    next: start + whole,
    more,
    size,
    contentType,
    binary: looksBinary(bytes),
    cost: { ...meter },
  };
}

/** Bytes [offset, offset + TEXT_PREVIEW_BYTES) decoded as UTF-8. */
export async function previewText(ref: ObjectRef, offset: number, signal: AbortSignal): Promise<TextChunk> {
  const meter = newMeter();
  try {
    const answer = await readRange(ref, { start: offset, end: offset + TEXT_PREVIEW_BYTES - 1 }, meter, signal);
    // A 200 (Range ignored) carries the whole object: keep only the step asked for.
    const bytes = answer.bytes.subarray(offset - answer.start, offset - answer.start + TEXT_PREVIEW_BYTES);
    return chunk(bytes, offset, answer.total, offset + bytes.length < answer.total, answer.contentType, meter);
  } catch (error) {
    // An empty object has no satisfiable range: it is an empty text, not an error.
    if (statusOf(error) === 416 && offset === 0) return chunk(new Uint8Array(0), 0, 0, false, null, meter);
    throw error;
  }
}

/**
 * Decompressed bytes [offset, offset + TEXT_PREVIEW_BYTES) of a gzip object, from compressed bytes
 * [0, offset + TEXT_PREVIEW_BYTES + GZIP_READ_SLACK); a truncated or corrupt stream shows what inflated before it
 * broke, or is Unreadable when nothing did.
 */
export async function previewGzip(ref: ObjectRef, offset: number, signal: AbortSignal): Promise<TextChunk | Unreadable> {
  const meter = newMeter();
  const want = offset + TEXT_PREVIEW_BYTES;
  const limit = want + GZIP_READ_SLACK;
  let answer;
  try {
    answer = await readRange(ref, { start: 0, end: limit - 1 }, meter, signal);
  } catch (error) {
    if (statusOf(error) === 416) return { kind: 'unreadable', message: 'The file is empty: there is no gzip data to decompress.', size: 0, cost: { ...meter } };
    throw error;
  }
  const readAll = answer.bytes.length >= answer.total;
  const inflated = await inflatePrefix(answer.bytes, want);
  const { output, ended } = inflated;
  // Running out of input is expected where we cut the read; with the whole file read, the file is truncated.
  const problem = inflated.cutShort ? (readAll ? 'the file ends before the gzip stream does (truncated)' : null) : inflated.problem;
  if (output.length === 0 && problem) return { kind: 'unreadable', message: `Not readable as gzip: ${problem}.`, size: answer.total, cost: { ...meter } };
  const bytes = output.subarray(Math.min(offset, output.length), want);
  // More exists if inflation stopped at the step's end, or the compressed read stopped before the object's end.
  const more = output.length >= want || (!ended && !readAll && !problem);
  const result = chunk(bytes, offset, answer.total, more, answer.contentType, meter);
  return { ...result, text: problem && !more ? `${result.text}\n\n[decompression stopped: ${problem}]` : result.text };
}

interface Inflated {
  readonly output: Buffer;
  readonly problem: string | null;
  /** The gzip stream ended properly. */
  readonly ended: boolean;
  /** The input ran out mid-stream. */
  readonly cutShort: boolean;
}

/** Inflate until `want` bytes came out or the input ends; never throws (a bad stream becomes `problem`). */
function inflatePrefix(input: Buffer, want: number): Promise<Inflated> {
  return new Promise((resolve) => {
    const gunzip = createGunzip();
    const parts: Buffer[] = [];
    let got = 0;
    let settled = false;
    const finish = (problem: string | null, ended: boolean, cutShort = false) => {
      if (settled) return;
      settled = true;
      gunzip.destroy();
      resolve({ output: Buffer.concat(parts), problem, ended, cutShort });
    };
    gunzip.on('data', (data: Buffer) => {
      parts.push(data);
      got += data.length;
      if (got >= want) finish(null, false);
    });
    gunzip.on('end', () => finish(null, true));
    // Input cut mid-stream is "unexpected end of file" (Z_BUF_ERROR); the caller knows whether it cut it.
    gunzip.on('error', (e: Error & { code?: string }) => finish(e.message, false, e.code === 'Z_BUF_ERROR'));
    gunzip.end(input);
  });
}
