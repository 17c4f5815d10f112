/** The privileged scheme audio/video previews stream from (main/preview/media-protocol.ts answers it). */
export const MEDIA_SCHEME = 's3desk-media';

/** What a preview cost on the wire: GET requests and body bytes, as the pane states them. */
export interface PreviewCost {
  readonly requests: number;
  readonly bytes: number;
}

/** A file whose bytes don't parse as the type it claims (truncated, malformed): shown as an error in the pane. */
export interface Unreadable {
  readonly kind: 'unreadable';
  readonly message: string;
  readonly size: number;
  readonly cost: PreviewCost;
}

export interface ParquetColumn {
  /** Dotted path of a leaf column ("address.city"). */
  readonly name: string;
  /** Physical type, with the logical type when there is one ("INT64 / TIMESTAMP"). */
  readonly type: string;
  readonly optional: boolean;
}

export interface ParquetRowGroup {
  readonly rows: number;
  readonly bytes: number;
}

/** Rows shown from the first row group (at most). */
export const PARQUET_PREVIEW_ROWS = 100;
/** Row groups listed (a file may have thousands). */
export const PARQUET_LISTED_ROW_GROUPS = 200;

export interface ParquetPreview {
  readonly kind: 'parquet';
  readonly size: number;
  readonly rowCount: number;
  readonly createdBy: string | null;
  readonly columns: readonly ParquetColumn[];
  readonly rowGroupCount: number;
  readonly rowGroups: readonly ParquetRowGroup[];
  /** Column names of `rows`, in order. */
  readonly header: readonly string[];
  /** The first rows of the first row group, each cell as display text (null for a null value). */
  readonly rows: readonly (readonly (string | null)[])[];
  /** Why no rows are shown though the schema is (e.g. the first row group is too large to read in part). */
  readonly rowsProblem: string | null;
  readonly cost: PreviewCost;
}

export interface ZipEntry {
  readonly name: string;
  readonly size: number;
  readonly compressedSize: number;
  /** ISO local date-time as the archive stores it (ZIP times have no zone). */
  readonly modified: string | null;
  readonly folder: boolean;
}

/** Entries listed (an archive may hold millions). */
export const ZIP_LISTED_ENTRIES = 5000;

export interface ZipListing {
  readonly kind: 'zip';
  readonly size: number;
  readonly entryCount: number;
  readonly entries: readonly ZipEntry[];
  readonly cost: PreviewCost;
}

/** Text previews read this much per step ("load more" asks for the next step). */
export const TEXT_PREVIEW_BYTES = 256 * 1024;
/** Images, SVG and PDF are read whole into the pane up to this size; larger ones offer Open / Download. */
export const WHOLE_PREVIEW_LIMIT = 64 * 1024 * 1024;
/**
 * A gzip step needing decompressed bytes up to N reads compressed bytes [0, N + this): deflate never makes data
 * smaller than its stored blocks' framing allows, so that prefix always inflates to at least N bytes.
 */
export const GZIP_READ_SLACK = 64 * 1024;

/** Which long-running preview a cancel refers to: a renderer-made id (a UUID). */
/** The object a preview reads: the current version, or one older version by its id (read-only, never cached). */
export interface PreviewTarget {
  readonly key: string;
  readonly versionId?: string;
}

export interface Cancellable {
  readonly requestId?: string;
}

export interface TextChunk {
  readonly kind: 'text';
  /** UTF-8 decoded; a character cut by the range end is left for the next chunk. */
  readonly text: string;
  /** Where the next chunk starts (object offset, or decompressed offset for gzip). */
  readonly next: number;
  /** The object has more after `next`. */
  readonly more: boolean;
  /** The object's size in bytes (compressed size for gzip). */
  readonly size: number;
  readonly contentType: string | null;
  /** The bytes look binary (NULs): the pane says so instead of showing garbage. */
  readonly binary: boolean;
  readonly cost: PreviewCost;
}

export interface WholeObject {
  readonly kind: 'bytes';
  /** Base64: survives every IPC boundary as plain data (the renderer makes a Blob of it). */
  readonly base64: string;
  readonly size: number;
  readonly contentType: string | null;
  readonly cost: PreviewCost;
}

export interface TooLarge {
  readonly kind: 'too-large';
  readonly size: number;
  readonly limit: number;
  readonly cost: PreviewCost;
}
