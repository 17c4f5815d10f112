/**
 * A ZIP's file list from its central directory, by range reads: the tail (end-of-central-directory record,
 * ZIP64 locator) in one suffix GET, and the directory itself in one more if the tail didn't hold it.
 */
import { ZIP_LISTED_ENTRIES, type Unreadable, type ZipEntry, type ZipListing } from '../../shared/preview';
import { newMeter, type ObjectRef, type ReadMeter, readRange, readTail } from './ranged-read';

/** The EOCD record (22 bytes) plus the longest comment it may carry (65535). */
const TAIL_BYTES = 22 + 0xffff + 20;
/** A central directory larger than this is not read for a preview (about 100 000 entries). */
const MAX_DIRECTORY_BYTES = 16 * 1024 * 1024;

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;

class Malformed extends Error {}

function dosTime(date: number, time: number): string | null {
  if (date === 0) return null;
  const pad = (n: number) => String(n).padStart(2, '0');
  const y = 1980 + (date >> 9);
  return `${y}-${pad((date >> 5) & 15)}-${pad(date & 31)}T${pad(time >> 11)}:${pad((time >> 5) & 63)}:${pad((time & 31) * 2)}`;
}

/** Directory location from the tail: the last EOCD signature, or its ZIP64 twin when fields overflow. */
function locate(tail: Buffer): { offset: number; size: number; entries: number; zip64At: number | null } {
  for (let at = tail.length - 22; at >= 0; at--) {
    if (tail.readUInt32LE(at) !== EOCD) continue;
    const entries = tail.readUInt16LE(at + 10);
    const size = tail.readUInt32LE(at + 12);
    const offset = tail.readUInt32LE(at + 16);
    const overflow = entries === 0xffff || size === 0xffffffff || offset === 0xffffffff;
    if (overflow && at >= 20 && tail.readUInt32LE(at - 20) === ZIP64_LOCATOR) {
      return { offset, size, entries, zip64At: Number(tail.readBigUInt64LE(at - 12)) };
    }
    return { offset, size, entries, zip64At: null };
  }
  throw new Malformed('no end-of-central-directory record: not a ZIP file, or truncated');
}

function zip64Extra(extra: Buffer, need: { size: boolean; compressed: boolean }): { size?: number; compressed?: number } {
  for (let at = 0; at + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(at);
    const len = extra.readUInt16LE(at + 2);
    if (id === 0x0001) {
      let p = at + 4;
      const out: { size?: number; compressed?: number } = {};
      if (need.size && p + 8 <= at + 4 + len) {
        out.size = Number(extra.readBigUInt64LE(p));
        p += 8;
      }
      if (need.compressed && p + 8 <= at + 4 + len) out.compressed = Number(extra.readBigUInt64LE(p));
      return out;
    }
    at += 4 + len;
  }
  return {};
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Bit 11 marks a UTF-8 name; without it the format says IBM 437, but Info-ZIP on Linux and macOS's Archive
 * Utility write UTF-8 without setting the bit. So: UTF-8 when the bytes are valid UTF-8, else Latin-1
 * (which agrees with 437 on ASCII, the usual case for archives from old Windows tools).
 */
function nameText(raw: Buffer, utf8Flag: boolean): string {
  if (utf8Flag) return raw.toString('utf8');
  try {
    return strictUtf8.decode(raw);
  } catch {
    return raw.toString('latin1');
  }
}

export function parseCentralDirectory(dir: Buffer, limit: number): ZipEntry[] {
  const entries: ZipEntry[] = [];
  let at = 0;
  while (at + 46 <= dir.length && entries.length < limit) {
    if (dir.readUInt32LE(at) !== CENTRAL) throw new Malformed(`bad central directory entry at ${at}`);
    const flags = dir.readUInt16LE(at + 8);
    const nameLength = dir.readUInt16LE(at + 28);
    const extraLength = dir.readUInt16LE(at + 30);
    const commentLength = dir.readUInt16LE(at + 32);
    const end = at + 46 + nameLength + extraLength + commentLength;
    if (end > dir.length) throw new Malformed('central directory cut short');
    const rawName = dir.subarray(at + 46, at + 46 + nameLength);
    const name = nameText(rawName, (flags & 0x800) !== 0);
    let size = dir.readUInt32LE(at + 24);
    let compressedSize = dir.readUInt32LE(at + 20);
    if (size === 0xffffffff || compressedSize === 0xffffffff) {
      const x = zip64Extra(dir.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength), { size: size === 0xffffffff, compressed: compressedSize === 0xffffffff });
      size = x.size ?? size;
      compressedSize = x.compressed ?? compressedSize;
    }
    entries.push({ name, size, compressedSize, modified: dosTime(dir.readUInt16LE(at + 14), dir.readUInt16LE(at + 12)), folder: name.endsWith('/') });
    at = end;
  }
  return entries;
}

function unreadable(message: string, size: number, meter: ReadMeter): Unreadable {
  return { kind: 'unreadable', message, size, cost: { ...meter } };
}

export async function listZip(ref: ObjectRef, signal: AbortSignal): Promise<ZipListing | Unreadable> {
  const meter = newMeter();
  const tail = await readTail(ref, TAIL_BYTES, meter, signal);
  if (!tail) return unreadable('The file is empty, so it is not a ZIP archive.', 0, meter);
  const size = tail.total;
  try {
    const found = locate(tail.bytes);
    let { offset, size: dirSize, entries: count } = found;
    const zip64At = found.zip64At;
    if (zip64At !== null) {
      const rec = zip64At >= tail.start ? tail.bytes.subarray(zip64At - tail.start) : (await readRange(ref, { start: zip64At, end: zip64At + 55 }, meter, signal)).bytes;
      if (rec.length < 56 || rec.readUInt32LE(0) !== ZIP64_EOCD) throw new Malformed('bad ZIP64 end record');
      count = Number(rec.readBigUInt64LE(32));
      dirSize = Number(rec.readBigUInt64LE(40));
      offset = Number(rec.readBigUInt64LE(48));
    }
    if (offset + dirSize > size) throw new Malformed('the central directory lies past the end: truncated');
    const want = Math.min(dirSize, MAX_DIRECTORY_BYTES);
    const dir =
      offset >= tail.start
        ? tail.bytes.subarray(offset - tail.start, offset - tail.start + want)
        : want === 0
          ? Buffer.alloc(0)
          : (await readRange(ref, { start: offset, end: offset + want - 1 }, meter, signal)).bytes;
    const entries = parseCentralDirectory(dir, want < dirSize ? Math.min(ZIP_LISTED_ENTRIES, count) : ZIP_LISTED_ENTRIES);
    return { kind: 'zip', size, entryCount: count, entries, cost: { ...meter } };
  } catch (error) {
    if (error instanceof Malformed || error instanceof RangeError) return unreadable(`Not a readable ZIP archive: ${error.message}`, size, meter);
    throw error;
  }
}
