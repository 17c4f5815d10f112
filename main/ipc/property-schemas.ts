/** Request schemas of the properties and price-table channels (issue 15); spread into schemas.ts. */
import { z } from 'zod';
import { CANNED_ACLS, CONTENT_HEADERS, editProblems, MAX_RESTORE_DAYS } from '../../shared/properties';
import { bucket, id, nonEmptyKey } from '../core/field-schemas';
import { priceTableSchema } from '../cost/price-tables';

const text = z.string().max(8192);
const stringMap = z.record(z.string().max(1024), text).refine((m) => Object.keys(m).length <= 200, 'too many entries');
const names = z.array(z.string().max(1024)).max(200);

const edit = z
  .object({
    headers: z.partialRecord(z.enum(CONTENT_HEADERS), text.nullable()).optional(),
    metadata: z.object({ set: stringMap.optional(), remove: names.optional() }).strict().optional(),
    storageClass: z.string().max(64).optional(),
    tags: z.object({ set: stringMap.optional(), remove: names.optional() }).strict().optional(),
    acl: z.enum(CANNED_ACLS).optional(),
    encryption: z
      .discriminatedUnion('kind', [
        z.object({ kind: z.literal('AES256') }).strict(),
        z.object({ kind: z.literal('aws:kms'), keyId: z.string().max(2048).optional() }).strict(),
      ])
      .optional(),
    restore: z.object({ days: z.number().int().min(1).max(MAX_RESTORE_DAYS), tier: z.enum(['Expedited', 'Standard', 'Bulk']) }).strict().optional(),
  })
  .strict()
  // The same rules the dialog applies as the user types; the first problem is the message.
  .superRefine((e, ctx) => {
    for (const message of editProblems(e)) ctx.addIssue({ code: 'custom', message });
  });

export const propertySchemas = {
  'properties:get': z.object({ connectionId: id, bucket, key: nonEmptyKey, refresh: z.boolean().optional() }).strict(),
  'properties:plan': z.object({ connectionId: id, bucket, keys: z.array(nonEmptyKey).min(1).max(100_000), edit }).strict(),
  'properties:run': z.object({ planId: id }).strict(),
  'properties:cancel': z.object({ planId: id }).strict(),
  'properties:discard': z.object({ planId: id }).strict(),
  'cost:tables': z.object({}).strict(),
  'cost:save-table': z.object({ table: priceTableSchema }).strict(),
  'cost:reset-table': z.object({ id: z.string().min(1).max(64) }).strict(),
};
