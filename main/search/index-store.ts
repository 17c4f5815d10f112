/**
 * Indexes on disk, one file per connection and bucket in the user-data folder: a JSON header, then the
 * columns as raw bytes (keys as UTF-8, offsets, sizes, dates, storage classes). Loading is a read and a few
 * typed-array copies, no parsing per key; writing goes to a temp file renamed into place, so a crash leaves
 * the old index or the new one, never half of one. Upserts are folded into the columns before writing.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BucketIndex, IndexBuilder } from './bucket-index';

const MAGIC = 'S3DESK-INDEX-1\n';

interface Header {
  readonly root: string;
  readonly indexedAt: number;
  readonly count: number;
  readonly classNames: readonly string[];
  readonly changesSince: number;
  readonly keyBytes: number;
  /** "lower": columns in lower-cased key order (older files were in listing order and are re-sorted on load). */
  readonly order?: 'lower';
}

export class IndexStore {
  constructor(private readonly dir: string | undefined) {}

  private fileOf(connectionId: string, bucket: string): string | undefined {
    if (this.dir === undefined) return undefined;
    const name = createHash('sha256').update(`${connectionId}\0${bucket}`).digest('hex').slice(0, 32);
    return join(this.dir, `${name}.idx`);
  }

  async save(connectionId: string, bucket: string, index: BucketIndex): Promise<number> {
    const file = this.fileOf(connectionId, bucket);
    if (!file) return 0;
    const compact = compacted(index);
    const c = compact.columns;
    const keys = Buffer.from(c.joined, 'utf8');
    const header: Header = {
      root: compact.root,
      indexedAt: compact.indexedAt,
      count: compact.size,
      classNames: c.classNames,
      changesSince: index.changesSince,
      keyBytes: keys.length,
      order: 'lower',
    };
    const head = Buffer.from(MAGIC + JSON.stringify(header) + '\n', 'utf8');
    const parts = [head, keys, bytesOf(c.offsets), bytesOf(c.sizes), bytesOf(c.modified), bytesOf(c.classes)];
    await mkdir(this.dir!, { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    await writeFile(temp, Buffer.concat(parts));
    await rename(temp, file);
    return (await stat(file)).size;
  }

  async load(connectionId: string, bucket: string): Promise<{ index: BucketIndex; diskBytes: number } | undefined> {
    const file = this.fileOf(connectionId, bucket);
    if (!file) return undefined;
    let data: Buffer;
    try {
      data = await readFile(file);
    } catch {
      return undefined;
    }
    const end = data.indexOf(0x0a, MAGIC.length);
    if (data.subarray(0, MAGIC.length).toString('utf8') !== MAGIC || end < 0) return undefined;
    const header = JSON.parse(data.subarray(MAGIC.length, end).toString('utf8')) as Header;
    let at = end + 1;
    const take = (bytes: number) => {
      // A copy, so each typed array starts aligned and the file's buffer can be dropped.
      const out = new Uint8Array(bytes);
      out.set(data.subarray(at, at + bytes));
      at += bytes;
      return out.buffer;
    };
    const joined = Buffer.from(take(header.keyBytes)).toString('utf8');
    const offsets = new Uint32Array(take((header.count + 1) * 4));
    const sizes = new Float64Array(take(header.count * 8));
    const modified = new Float64Array(take(header.count * 8));
    const classes = new Uint8Array(take(header.count));
    if (at !== data.length || offsets[header.count] !== joined.length) return undefined;
    const loaded = new BucketIndex(header.root, header.indexedAt, { joined, offsets, sizes, modified, classes, classNames: header.classNames });
    const index = header.order === 'lower' ? loaded : rebuilt(loaded);
    index.changesSince = header.changesSince;
    return { index, diskBytes: data.length };
  }

  async remove(connectionId: string, bucket: string): Promise<void> {
    const file = this.fileOf(connectionId, bucket);
    if (file) await rm(file, { force: true });
  }
}

function bytesOf(view: ArrayBufferView): Buffer {
  return Buffer.from(view.buffer, view.byteOffset, view.byteLength);
}

/** The live entries as fresh columns (deletions dropped, upserts sorted in). */
function compacted(index: BucketIndex): BucketIndex {
  if (index.upserts.size === 0 && index.objects === index.size) return index;
  return rebuilt(index);
}

function rebuilt(index: BucketIndex): BucketIndex {
  const builder = new IndexBuilder();
  for (const e of index.entries()) builder.add([{ ...e, etag: '' }]);
  return new BucketIndex(index.root, index.indexedAt, builder.build());
}
