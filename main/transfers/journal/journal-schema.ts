/**
 * What the transfer journal holds, checked with zod on every load: a file from another version or a damaged
 * one fails the parse and is set aside (journal-store.ts), never half-trusted.
 */
import { z } from 'zod';
import { uploadOptionsSchema } from '../upload-options-schema';

export const JOURNAL_VERSION = 1;

const common = {
  id: z.string().min(1),
  connectionId: z.string().min(1),
  bucket: z.string().min(1),
  key: z.string().min(1),
  size: z.number().int().nonnegative(),
  /** Why it stopped (a failure's message, "paused", "interrupted"); null while queued or running. */
  note: z.string().nullable(),
  state: z.enum(['queued', 'running', 'paused', 'failed']),
  createdAt: z.number(),
};

export const downloadEntrySchema = z.object({
  ...common,
  direction: z.literal('download'),
  /** As listed (quotes included): resumed GETs carry it in If-Match. */
  etag: z.string(),
  /** A non-current version being downloaded (absent: the current one); resumed GETs name it again. */
  versionId: z.string().min(1).optional(),
  target: z.string().min(1),
  /** Kept across a restart: the verified ranges in its sidecar are not fetched again. */
  partPath: z.string().min(1),
  conflict: z.enum(['overwrite', 'skip', 'keep-both']),
});

export const uploadPartSchema = z.object({
  partNumber: z.number().int().min(1).max(10_000),
  etag: z.string().min(1),
  size: z.number().int().nonnegative(),
});

export const uploadEntrySchema = z.object({
  ...common,
  direction: z.literal('upload'),
  localPath: z.string().min(1),
  /** The source as it was when the upload began: a different size or mtime restarts it. */
  mtimeMs: z.number(),
  uploadId: z.string().nullable(),
  partSize: z.number().int().positive(),
  parts: z.array(uploadPartSchema),
  /** What the object is written with (absent in entries from before upload options: none). */
  options: uploadOptionsSchema.optional(),
});

export const journalEntrySchema = z.discriminatedUnion('direction', [downloadEntrySchema, uploadEntrySchema]);

export const journalFileSchema = z.object({
  version: z.literal(JOURNAL_VERSION),
  entries: z.array(journalEntrySchema),
});

export type DownloadEntry = z.infer<typeof downloadEntrySchema>;
export type UploadEntry = z.infer<typeof uploadEntrySchema>;
export type JournalEntry = z.infer<typeof journalEntrySchema>;
export type JournalFile = z.infer<typeof journalFileSchema>;
