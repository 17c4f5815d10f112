/** The zod form of upload options: checked on `transfers:upload`, the defaults channels and every journal load. */
import { z } from 'zod';
import { uploadOptionsProblems } from '../../shared/upload-options';

const text = z.string().max(8192);
const stringMap = z.record(z.string().max(1024), text).refine((m) => Object.keys(m).length <= 200, 'too many entries');

const fields = {
  storageClass: z.string().max(64).optional(),
  encryption: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('bucket-default') }).strict(),
      z.object({ kind: z.literal('AES256') }).strict(),
      z.object({ kind: z.literal('aws:kms'), keyId: z.string().max(2048).optional() }).strict(),
    ])
    .optional(),
  metadata: stringMap.optional(),
  tags: stringMap.optional(),
};

/** The rules the dialog applies as the user types; the first problem is the message. */
const checked = <T extends z.ZodType<Parameters<typeof uploadOptionsProblems>[0]>>(schema: T) =>
  schema.superRefine((o, ctx) => {
    for (const message of uploadOptionsProblems(o)) ctx.addIssue({ code: 'custom', message });
  });

export const uploadOptionsSchema = checked(z.object({ ...fields, contentType: z.string().max(256).optional() }).strict());
export const uploadDefaultsSchema = checked(z.object(fields).strict());
