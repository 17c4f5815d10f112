/**
 * Parquet preview by range reads only: the footer (one suffix GET, which also tells the size: no HEAD), then the
 * pages holding the first rows of the first row group, found through the offset index when the file has one.
 * hyparquet does the decoding; it reads through an AsyncBuffer whose every slice here is one ranged GET.
 */
import { type AsyncBuffer, type FileMetaData, parquetMetadataAsync, parquetReadObjects, type SchemaElement } from 'hyparquet';
import {
  PARQUET_LISTED_ROW_GROUPS,
  PARQUET_PREVIEW_ROWS,
  type ParquetColumn,
  type ParquetPreview,
  type Unreadable,
} from '../../shared/preview';
import { cellText } from './cell-text';
import { newMeter, type ObjectRef, type ReadMeter, readRange, readTail } from './ranged-read';

/** The first read: most footers fit (a footer is the schema plus a few hundred bytes per row group and column). */
export const FOOTER_PREFETCH_BYTES = 256 * 1024;
/**
 * The most one slice for the rows may read. Without an offset index hyparquet reads whole column chunks of the
 * row group; a 128 MB row group must not be downloaded for a 100-row glance, so its rows are skipped instead.
 */
export const ROWS_SLICE_LIMIT_BYTES = 8 * 1024 * 1024;

class TooLargeSlice extends Error {}

/** An AsyncBuffer over an object: the prefetched tail answers from memory, anything else is one ranged GET. */
function objectBuffer(ref: ObjectRef, size: number, tail: { start: number; bytes: Buffer }, meter: ReadMeter, signal: AbortSignal, limit: { bytes: number }): AsyncBuffer {
  return {
    byteLength: size,
    slice: async (start, end = size) => {
      if (start >= tail.start && end <= tail.start + tail.bytes.length) {
        const view = tail.bytes.subarray(start - tail.start, end - tail.start);
        return view.buffer.slice(view.byteOffset, view.byteOffset + view.length) as ArrayBuffer;
      }
      if (end <= start) return new ArrayBuffer(0);
      if (end - start > limit.bytes) throw new TooLargeSlice(`a read of ${end - start} bytes`);
      const answer = await readRange(ref, { start, end: end - 1 }, meter, signal);
      const b = answer.bytes;
      return b.buffer.slice(b.byteOffset, b.byteOffset + b.length) as ArrayBuffer;
    },
  };
}

function typeText(el: SchemaElement): string {
  const logical = el.logical_type?.type ?? el.converted_type;
  return [el.type ?? 'GROUP', logical].filter((t) => t !== undefined).join(' / ');
}

/** Leaf columns with dotted paths; the schema is a depth-first list where groups say how many children follow. */
export function leafColumns(schema: readonly SchemaElement[]): ParquetColumn[] {
  const out: ParquetColumn[] = [];
  let at = 1;
  const walk = (prefix: string, children: number) => {
    for (let i = 0; i < children && at < schema.length; i++) {
      const el = schema[at++]!;
      const name = prefix ? `${prefix}.${el.name}` : el.name;
      if (el.num_children) walk(name, el.num_children);
      else out.push({ name, type: typeText(el), optional: el.repetition_type !== 'REQUIRED' });
    }
  };
  walk('', schema[0]?.num_children ?? 0);
  return out;
}

function unreadable(message: string, size: number, meter: ReadMeter): Unreadable {
  return { kind: 'unreadable', message, size, cost: { ...meter } };
}

export async function previewParquet(ref: ObjectRef, signal: AbortSignal): Promise<ParquetPreview | Unreadable> {
  const meter = newMeter();
  const first = await readTail(ref, FOOTER_PREFETCH_BYTES, meter, signal);
  if (!first) return unreadable('The file is empty, so it is not a Parquet file.', 0, meter);
  const size = first.total;
  const tail = { start: first.start, bytes: first.bytes };
  if (size < 12 || first.bytes.subarray(-4).toString('latin1') !== 'PAR1')
    return unreadable('Not a Parquet file (no "PAR1" at its end): it may be truncated.', size, meter);
  const limit = { bytes: Number.MAX_SAFE_INTEGER };
  const file = objectBuffer(ref, size, tail, meter, signal, limit);
  let metadata: FileMetaData;
  try {
    metadata = await parquetMetadataAsync(file, { initialFetchSize: Math.min(size, FOOTER_PREFETCH_BYTES) });
  } catch (error) {
    if (signal.aborted) throw error;
    return unreadable(`The Parquet footer can't be read: ${(error as Error).message}`, size, meter);
  }
  const firstGroupRows = Number(metadata.row_groups[0]?.num_rows ?? 0n);
  const rowEnd = Math.min(PARQUET_PREVIEW_ROWS, firstGroupRows);
  const columns = leafColumns(metadata.schema);
  const topLevel = metadata.schema.slice(1).reduce<{ names: string[]; skip: number }>(
    (acc, el) => {
      if (acc.skip > 0) acc.skip += (el.num_children ?? 0) - 1;
      else {
        acc.names.push(el.name);
        acc.skip = el.num_children ?? 0;
      }
      return acc;
    },
    { names: [], skip: 0 },
  ).names;
  let rows: (string | null)[][] = [];
  let rowsProblem: string | null = null;
  if (rowEnd > 0) {
    limit.bytes = ROWS_SLICE_LIMIT_BYTES;
    try {
      const objects = await parquetReadObjects({ file, metadata, rowStart: 0, rowEnd, useOffsetIndex: true });
      rows = objects.map((row) => topLevel.map((name) => cellText(row[name])));
    } catch (error) {
      if (signal.aborted) throw error;
      rowsProblem =
        error instanceof TooLargeSlice
          ? `Rows not shown: the first row group would need ${error.message} (the file has no page index to read less).`
          : `The first rows can't be read: ${(error as Error).message}`;
    }
  }
  return {
    kind: 'parquet',
    size,
    rowCount: Number(metadata.num_rows),
    createdBy: metadata.created_by ?? null,
    columns,
    rowGroupCount: metadata.row_groups.length,
    rowGroups: metadata.row_groups.slice(0, PARQUET_LISTED_ROW_GROUPS).map((g) => ({ rows: Number(g.num_rows), bytes: Number(g.total_byte_size) })),
    header: topLevel,
    rows,
    rowsProblem,
    cost: { ...meter },
  };
}
