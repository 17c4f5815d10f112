import { basename } from '../../shared/keys';
import type { RestoreState } from '../../shared/properties';
import type { Entry, Stat } from '../../shared/types';
import type { StringInterner } from './string-interner';

/**
 * One listing page held as columns: one compact record per object, no Entry objects. The folder's stat index
 * points into these columns, so an object's data is held once, and a page is materialised into Entry objects
 * only when it is read (a page is read once per visit; a stat is one record).
 */

const FOLDER = 1;
/** The ETag was a quoted 32-hex-digit MD5 and is held as 16 bytes. */
const PACKED_ETAG = 2;
/** The entry's key does not start with the folder prefix (a server bug): `names` holds the whole key. */
const FULL_KEY = 4;

/** Most ETags (single-part uploads) are a quoted lowercase MD5; those fit in 16 bytes instead of a 34-char string. */
const MD5_ETAG = /^"[0-9a-f]{32}"$/;

/**
 * A copy of `s` that owns its characters. Strings cut from a larger one (a key out of a response body, a name out
 * of a key) can keep the whole larger string alive; what the cache keeps for minutes must not.
 */
export function ownString(s: string): string {
  if (s.length < 13) return s; // V8 copies short substrings anyway
  // latin1 and utf16le both map every code unit to bytes and back exactly (lone surrogates included).
  // eslint-disable-next-line no-control-regex
  const latin1 = /^[\x00-\xff]*$/.test(s);
  const bytes = latin1 ? s.length : 2 * s.length;
  if (bytes > scratch.length) scratch = Buffer.allocUnsafe(bytes * 2);
  scratch.write(s, 0, latin1 ? 'latin1' : 'utf16le');
  return scratch.toString(latin1 ? 'latin1' : 'utf16le', 0, bytes);
}
let scratch = Buffer.allocUnsafe(4096);

export class RecordChunk {
  readonly size: number;
  readonly expiresAt: number;
  readonly nextCursor: string | null;
  /** Whether the chunk still serves as its folder's page for `cursor` (false once the page was dropped). */
  listed = true;
  /** How many of the folder's stat-index entries point into this chunk. */
  live = 0;
  readonly bytes: number;
  /** The part of each key after the folder prefix (whole key where FULL_KEY). */
  readonly names: string[];
  private readonly flags: Uint8Array;
  private readonly classes: Uint16Array;
  private readonly sizes: Float64Array;
  private readonly modified: Float64Array;
  private readonly etags: Uint8Array;
  /** ETags that are not a plain MD5 (multipart, other servers' formats), by record. */
  private readonly otherEtags: Map<number, string> | undefined;
  /** Archived objects' restore states from the listing (RestoreStatus), by record: rare, so a sparse map. */
  private readonly restores: Map<number, RestoreState> | undefined;

  constructor(
    readonly prefix: string,
    readonly cursor: string,
    entries: readonly Entry[],
    nextCursor: string | null,
    expiresAt: number,
    private readonly interner: StringInterner,
  ) {
    const n = entries.length;
    this.size = n;
    this.expiresAt = expiresAt;
    this.nextCursor = nextCursor === null ? null : ownString(nextCursor);
    this.names = new Array<string>(n);
    this.flags = new Uint8Array(n);
    this.classes = new Uint16Array(n);
    this.sizes = new Float64Array(n);
    this.modified = new Float64Array(n);
    this.etags = new Uint8Array(n * 16);
    const etagView = Buffer.from(this.etags.buffer, this.etags.byteOffset, this.etags.byteLength);
    let other: Map<number, string> | undefined;
    let restores: Map<number, RestoreState> | undefined;
    let textBytes = 0;
    for (let i = 0; i < n; i++) {
      const e = entries[i]!;
      const inside = e.key.startsWith(prefix) && e.key.length > prefix.length;
      const name = ownString(inside ? e.key.slice(prefix.length) : e.key);
      this.names[i] = name;
      textBytes += name.length;
      let flags = inside ? 0 : FULL_KEY;
      if (e.kind === 'folder') flags |= FOLDER;
      else {
        this.sizes[i] = e.size;
        this.modified[i] = e.lastModified;
        this.classes[i] = interner.id(e.storageClass);
        if (MD5_ETAG.test(e.etag)) {
          flags |= PACKED_ETAG;
          etagView.write(e.etag.slice(1, 33), i * 16, 16, 'hex');
        } else if (e.etag !== '') {
          (other ??= new Map()).set(i, ownString(e.etag));
          textBytes += e.etag.length + 40;
        }
        if (e.restore) {
          (restores ??= new Map()).set(i, e.restore);
          textBytes += 64;
        }
      }
      this.flags[i] = flags;
    }
    this.otherEtags = other;
    this.restores = restores;
    // Columns (35 bytes), the name's array slot and string header (8 + 24), its folder-index entry (~32), the chars.
    this.bytes = 256 + n * 99 + textBytes + 2 * (cursor.length + (nextCursor?.length ?? 0));
  }

  /** Whether the record's key starts with the folder prefix (names[i] is then relative to it). */
  isInside(i: number): boolean {
    return (this.flags[i]! & FULL_KEY) === 0;
  }

  keyAt(i: number): string {
    return this.flags[i]! & FULL_KEY ? this.names[i]! : this.prefix + this.names[i]!;
  }

  statAt(i: number): Stat {
    const key = this.keyAt(i);
    if (this.flags[i]! & FOLDER) return { kind: 'folder', key };
    return {
      kind: 'object',
      key,
      size: this.sizes[i]!,
      lastModified: this.modified[i]!,
      etag: this.etagAt(i),
      storageClass: this.interner.text(this.classes[i]!),
    };
  }

  entryAt(i: number): Entry {
    const stat = this.statAt(i);
    const restore = this.restores?.get(i);
    return restore && stat.kind === 'object' ? { ...stat, name: basename(stat.key), restore } : { ...stat, name: basename(stat.key) };
  }

  entries(): Entry[] {
    const out = new Array<Entry>(this.size);
    for (let i = 0; i < this.size; i++) out[i] = this.entryAt(i);
    return out;
  }

  private etagAt(i: number): string {
    if (this.flags[i]! & PACKED_ETAG) return `"${Buffer.from(this.etags.buffer, this.etags.byteOffset + i * 16, 16).toString('hex')}"`;
    return this.otherEtags?.get(i) ?? '';
  }
}
