/** Zod shapes of sync locations and saved pairs: the IPC schemas and the pairs file both use them. */
import path from 'node:path';
import { z } from 'zod';
import { bucket, id, key } from '../core/field-schemas';
import { SYNC_GROUPS } from '../../shared/sync';

const localPath = z
  .string()
  .min(1)
  .max(32_767)
  .refine((p) => !p.includes('\0'), 'NUL in path')
  .refine((p) => path.isAbsolute(p), 'not an absolute path');

/** A sync side: an absolute local folder, or a canonical prefix ("" or ending in "/"). */
export const syncLocation = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('local'), path: localPath }).strict(),
  z.object({ kind: z.literal('s3'), connectionId: id, bucket, prefix: key.refine((p) => p === '' || p.endsWith('/'), 'a prefix ends in "/"') }).strict(),
]);

export const compareMode = z.enum(['content', 'time']);

const totals = z.object({ count: z.number().int().min(0), bytes: z.number().min(0) }).strict();

export const syncPair = z
  .object({
    id: z.string().min(1).max(200),
    name: z.string().min(1).max(200),
    left: syncLocation,
    right: syncLocation,
    mode: compareMode,
    last: z
      .object({ at: z.number(), groups: z.object(Object.fromEntries(SYNC_GROUPS.map((g) => [g, totals]))).strict() })
      .strict()
      .nullable(),
  })
  .strict();
