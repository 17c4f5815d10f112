import { z } from 'zod';
import { isPlainObject } from './plain-data';
import type { Channel, RequestOf } from '../../shared/ipc';
import { COMMAND_IDS, type CommandId } from '../../shared/commands';
import { canonicalPrefix } from '../../shared/keys';
import { CONFIG_KINDS, MAX_CONFIG_TEXT } from '../../shared/bucket-config';
import { bucket, id, key, nonEmptyKey } from '../core/field-schemas';
import { MAX_PRESIGN_SECONDS, nameProblem } from '../../shared/operations';
import { FINGERPRINT_RE } from '../connections/tls-trust';
import { CONCURRENCY_MAX, CONCURRENCY_MIN, THEMES } from '../../shared/settings';
import { MAX_RESTORE_DAYS } from '../../shared/properties';
import { compareMode, syncLocation } from '../sync/sync-schemas';
import { workspaceSchema } from '../workspace/workspace-schema';
import { propertySchemas } from './property-schemas';
import { uploadDefaultsSchema, uploadOptionsSchema } from '../transfers/upload-options-schema';

export const empty = z.object({}).strict();
const selection = z.object({ connectionId: id, bucket, keys: z.array(nonEmptyKey).min(1).max(100_000) }).strict();
const destination = z.object({ connectionId: id, bucket, prefix: key }).strict();

const selectedItem = z.object({ key: nonEmptyKey, kind: z.enum(['object', 'folder']) }).strict();
/** A local path from the renderer (a picker or a drop): absolute, no NUL. main checks it exists before use. */
const localPath = z.string().min(1).max(32_767).refine((p) => !p.includes('\0'), 'NUL in path');
const searchFilters = z
  .object({
    minSize: z.number().min(0).optional(),
    maxSize: z.number().min(0).optional(),
    modifiedFrom: z.number().optional(),
    modifiedTo: z.number().optional(),
    storageClasses: z.array(z.string().min(1).max(64)).max(32).optional(),
    extensions: z.array(z.string().min(1).max(64)).max(64).optional(),
  })
  .strict();
/** A moment in ms since the epoch: after 1970, before year 10000 (what Date can show). */
const instant = z.number().int().min(0).max(253_402_300_799_000);
/** S3 version ids are opaque short tokens ("null" for unversioned objects). */
const versionId = z.string().min(1).max(1024).refine((v) => [...v].every((c) => c >= ' '), 'control character in version id');
/** A renderer-made id for a cancellable read. */
const requestId = z.string().min(1).max(64).regex(/^[\w-]+$/, 'not a request id');
/** A download item may name one version of a file (never of a folder). */
const downloadItem = z
  .object({ key: nonEmptyKey, kind: z.enum(['object', 'folder']), versionId: versionId.optional() })
  .strict()
  .refine((i) => i.versionId === undefined || i.kind === 'object', 'a version id names a file, not a folder');
const conflict = z.enum(['ask', 'overwrite', 'skip', 'keep-both']);
const configKind = z.enum(CONFIG_KINDS);
/** The JSON text of a bucket setting: its content is checked by shared/bucket-config.ts, which says where it is wrong. */
const configText = z.string().max(MAX_CONFIG_TEXT);

const endpoint = z
  .url({ protocol: /^https?$/ })
  .max(2048)
  .optional();

const region = z.string().trim().min(1).max(64).regex(/^[a-z0-9-]+$/i, 'not a region name');
const profileName = z.string().trim().min(1).max(200).regex(/^[\w@+.%:/-]+$/, 'not a profile name');
const credentials = z
  .object({
    accessKeyId: z.string().trim().min(1).max(256),
    secretAccessKey: z.string().min(1).max(1024),
    sessionToken: z.string().trim().min(1).max(8192).optional(),
  })
  .strict();
const connectionFields = {
  name: z.string().trim().min(1).max(200),
  endpoint,
  region,
  forcePathStyle: z.boolean(),
  profile: profileName.optional(),
  preset: z.string().min(1).max(64).optional(),
  bucket: bucket.optional(),
  defaultChain: z.boolean().optional(),
  trustedCertSha256: z.string().regex(FINGERPRINT_RE, 'not a SHA-256 fingerprint').optional(),
};
const oneAuth = (c: { credentials?: unknown; profile?: unknown; defaultChain?: boolean }) =>
  [Boolean(c.credentials), Boolean(c.profile), c.defaultChain === true].filter(Boolean).length <= 1;
const oneAuthMessage = { message: 'give static keys, a profile or the default chain, not several', path: ['profile'] };
const connectionInput = z.object({ ...connectionFields, credentials: credentials.optional() }).strict().refine(oneAuth, oneAuthMessage);
/** In an edit the secret may be absent: main keeps the stored one (the renderer never had it). */
const connectionUpdate = z
  .object({ ...connectionFields, credentials: credentials.extend({ secretAccessKey: z.string().min(1).max(1024).optional() }).strict().optional() })
  .strict()
  .refine(oneAuth, oneAuthMessage);

const plainRequest = <T extends z.ZodType>(schema: T) => z.custom<unknown>(isPlainObject, 'expected an object').pipe(schema);

const channelSchemas = {
  'connections:add': connectionInput,
  'connections:list': empty,
  'buckets:list': z.object({ connectionId: id }).strict(),
  'objects:list': z
    .object({
      connectionId: id,
      bucket,
      prefix: key,
      cursor: z.string().max(4096).nullable().optional(),
      refresh: z.boolean().optional(),
    })
    .strict(),
  'objects:stat': z.object({ connectionId: id, bucket, keys: z.array(key).max(100_000) }).strict(),
  'objects:head': z.object({ connectionId: id, bucket, key: nonEmptyKey }).strict(),
  'cache:stats': empty,
  'cache:invalidate': z.object({ connectionId: id, bucket: bucket.optional(), prefix: key.optional() }).strict(),

  // ── connections ──
  'connections:update': z.object({ id, input: connectionUpdate }).strict(),
  'connections:delete': z.object({ id }).strict(),
  'connections:test': z.object({ id: id.optional(), input: connectionUpdate.optional(), bucket: bucket.optional() }).strict(),
  'connections:profiles': empty,
  'connections:status': empty,
  // An authenticator's one-time code is 6 digits; the schema's message never echoes the value.
  'connections:mfa-answer': z.object({ promptId: z.string().uuid(), code: z.string().regex(/^\d{6}$/, 'an MFA code is 6 digits').nullable() }).strict(),
  'connections:sso-sign-in': z.object({ profile: profileName }).strict(),
  'connections:sso-cancel': z.object({ flowId: z.string().uuid() }).strict(),

  // ── operations ──
  'operations:create-folder': z
    .object({ connectionId: id, bucket, prefix: key, name: z.string().max(1024) })
    .strict()
    .refine((r) => nameProblem(r.name, canonicalPrefix(r.prefix), true) === null, {
      message: 'invalid folder name',
      path: ['name'],
    }),
  'operations:plan': z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('delete'), ...selection.shape, planningId: id.optional() }).strict(),
    z.object({ kind: z.enum(['copy', 'move']), source: selection, target: destination, planningId: id.optional() }).strict(),
    z
      .object({ kind: z.literal('rename'), connectionId: id, bucket, key: nonEmptyKey, newName: z.string().max(1024), planningId: id.optional() })
      .strict()
      .refine((r) => nameProblem(r.newName) === null, { message: 'invalid name', path: ['newName'] }),
  ]),
  'operations:run': z.object({ planId: id }).strict(),
  'operations:cancel': z.object({ operationId: id }).strict(),
  'operations:discard': z.object({ planId: id }).strict(),
  'operations:share': z
    .object({
      connectionId: id,
      bucket,
      key: nonEmptyKey,
      kind: z.enum(['s3-uri', 'object-url', 'presigned']),
      expiresInSeconds: z.number().int().min(1).max(MAX_PRESIGN_SECONDS).optional(),
    })
    .strict(),
  'operations:preview': z.object({ connectionId: id, bucket, key: nonEmptyKey, versionId: versionId.optional() }).strict(),

  // ── previews ──
  'preview:parquet': z.object({ connectionId: id, bucket, key: nonEmptyKey, versionId: versionId.optional(), requestId: requestId.optional() }).strict(),
  'preview:zip': z.object({ connectionId: id, bucket, key: nonEmptyKey, versionId: versionId.optional(), requestId: requestId.optional() }).strict(),
  'preview:text': z
    .object({
      connectionId: id,
      bucket,
      key: nonEmptyKey,
      versionId: versionId.optional(),
      offset: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
      gzip: z.boolean().optional(),
      requestId: requestId.optional(),
    })
    .strict(),
  'preview:bytes': z.object({ connectionId: id, bucket, key: nonEmptyKey, versionId: versionId.optional(), requestId: requestId.optional() }).strict(),
  'preview:cancel': z.object({ requestId }).strict(),
  'preview:media-open': z
    .object({ connectionId: id, bucket, key: nonEmptyKey, versionId: versionId.optional(), contentType: z.string().regex(/^(audio|video)\/[\w.+-]+$/).max(100).optional() })
    .strict(),
  'preview:media-close': z.object({ url: z.string().max(200) }).strict(),
  // ── open / edit ──
  'edit:open': z.object({ connectionId: id, bucket, key: nonEmptyKey, edit: z.boolean() }).strict(),
  'edit:list': empty,
  'edit:resolve': z.object({ sessionId: z.string().uuid(), choice: z.enum(['overwrite', 'save-as', 'discard']), newKey: nonEmptyKey.optional() }).strict(),
  'edit:finish': z.object({ sessionId: z.string().uuid() }).strict(),
  // ── versions ──
  'buckets:create': z.object({ connectionId: id, name: z.string().min(1).max(255), region: z.string().min(1).max(64).regex(/^[a-z0-9-]+$/, 'not a region').optional() }).strict(),
  'buckets:delete': z.object({ connectionId: id, bucket }).strict(),
  'buckets:info': z.object({ connectionId: id, bucket }).strict(),
  'buckets:config-get': z.object({ connectionId: id, bucket, kind: configKind }).strict(),
  'buckets:config-save': z
    .object({ connectionId: id, bucket, kind: configKind, text: configText.nullable(), before: configText.nullable() })
    .strict(),
  'buckets:empty-plan': z.object({ connectionId: id, bucket, planningId: id.optional() }).strict(),
  'buckets:empty-run': z.object({ planId: id }).strict(),
  'buckets:empty-cancel': z.object({ id }).strict(),
  'buckets:empty-discard': z.object({ planId: id }).strict(),
  'versions:state': z.object({ connectionId: id, bucket }).strict(),
  'versions:set-state': z.object({ connectionId: id, bucket, enabled: z.boolean() }).strict(),
  'versions:list': z.object({ connectionId: id, bucket, key: nonEmptyKey, refresh: z.boolean().optional() }).strict(),
  'versions:deleted': z.object({ connectionId: id, bucket, prefix: key, refresh: z.boolean().optional() }).strict(),
  'versions:as-of': z.object({ connectionId: id, bucket, prefix: key, at: instant, refresh: z.boolean().optional() }).strict(),
  'versions:restore-version': z.object({ connectionId: id, bucket, key: nonEmptyKey, versionId }).strict(),
  'versions:delete-version': z.object({ connectionId: id, bucket, key: nonEmptyKey, versionId }).strict(),
  'versions:plan-undelete': z.object({ connectionId: id, bucket, items: z.array(selectedItem).min(1).max(100_000) }).strict(),
  'versions:plan-restore': z.object({ connectionId: id, bucket, prefix: key, at: instant, hideNewer: z.boolean() }).strict(),
  'versions:run': z.object({ planId: id }).strict(),
  'versions:cancel': z.object({ planId: id }).strict(),
  'versions:discard': z.object({ planId: id }).strict(),

  // ── transfers ──
  'transfers:download': z
    .object({ connectionId: id, bucket, items: z.array(downloadItem).min(1).max(100_000), destination: localPath, conflict })
    .strict(),
  'transfers:upload': z
    .object({
      connectionId: id,
      bucket,
      prefix: key,
      paths: z.array(localPath).max(100_000),
      streams: z.array(id).max(100_000).optional(),
      conflict,
      options: uploadOptionsSchema.optional(),
    })
    .strict(),
  'transfers:restore-download': z
    .object({
      ids: z.array(id).min(1).max(100_000),
      restore: z.object({ days: z.number().int().min(1).max(MAX_RESTORE_DAYS), tier: z.enum(['Expedited', 'Standard', 'Bulk']) }).strict(),
    })
    .strict(),
  'transfers:stream-open': z.object({ name: z.string().min(1).max(4096), size: z.number().int().min(0).max(5 * 1024 ** 4) }).strict(),
  'transfers:stream-write': z
    .object({ streamId: id, offset: z.number().int().min(0), data: z.string().max(16 * 1024 * 1024).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64') })
    .strict(),
  'transfers:stream-close': z.object({ streamId: id, abort: z.boolean().optional() }).strict(),
  'transfers:list': empty,
  'transfers:cancel': z.object({ ids: z.array(id).max(100_000).optional() }).strict(),
  'transfers:retry': z.object({ ids: z.array(id).max(100_000).optional() }).strict(),
  'transfers:clear': z.object({ includeFailed: z.boolean().optional() }).strict(),
  'transfers:pause': z.object({ ids: z.array(id).max(100_000).optional() }).strict(),
  'transfers:resume': z.object({ ids: z.array(id).max(100_000).optional() }).strict(),
  'transfers:pick-folder': empty,
  'transfers:pick-upload': z.object({ folders: z.boolean() }).strict(),

  'transfers:drag-options': empty,
  'transfers:stage': z.object({ connectionId: id, bucket, items: z.array(selectedItem).min(1).max(10_000) }).strict(),
  'transfers:drag-start': z.object({ stageId: id }).strict(),
  'transfers:drag-end': z.object({ stageId: id }).strict(),
  'transfers:show-in-folder': z.object({ id }).strict(),
  'transfers:open': z.object({ id }).strict(),

  'objects:folder-size': z.object({ connectionId: id, bucket, prefix: key }).strict(),

  // ── settings ──
  'settings:get': empty,
  'settings:set': z
    .object({
      askEveryTime: z.boolean().optional(),
      conflict: conflict.optional(),
      fileConcurrency: z.number().int().min(CONCURRENCY_MIN).max(CONCURRENCY_MAX).optional(),
      requestConcurrency: z.number().int().min(CONCURRENCY_MIN).max(CONCURRENCY_MAX).optional(),
      theme: z.enum(THEMES).optional(),
      requestMetrics: z.boolean().optional(),
      thumbnails: z.boolean().optional(),
      resetDownloadFolder: z.boolean().optional(),
    })
    .strict(),
  'settings:choose-download-folder': empty,
  'settings:upload-defaults': z.object({ connectionId: id }).strict(),
  'settings:set-upload-defaults': z.object({ connectionId: id, defaults: uploadDefaultsSchema }).strict(),
  'transfers:unfinished': empty,
  'transfers:resume-unfinished': z.object({ ids: z.array(id).max(100_000).optional() }).strict(),
  'transfers:discard-unfinished': z.object({ ids: z.array(id).max(100_000).optional() }).strict(),
  'transfers:incomplete-uploads': z.object({ connectionId: id, bucket }).strict(),
  'transfers:abort-uploads-plan': z
    .object({
      connectionId: id,
      bucket,
      uploads: z.array(z.object({ key: z.string().min(1).max(1024), uploadId: z.string().min(1).max(1024) }).strict()).max(10_000).optional(),
    })
    .strict(),
  'transfers:abort-uploads-run': z.object({ planId: id }).strict(),
  'transfers:bandwidth': z
    .object({
      download: z.number().min(1024).max(1e12).nullable().optional(),
      upload: z.number().min(1024).max(1e12).nullable().optional(),
    })
    .strict(),

  // ── workspace ──
  'workspace:get': empty,
  'workspace:set': z.object({ workspace: workspaceSchema }).strict(),
  'sync:compare': z.object({ left: syncLocation, right: syncLocation, mode: compareMode.optional(), pairId: id.optional(), compareToken: id.optional() }).strict(),
  'sync:cancel': z.object({ token: id }).strict(),
  'sync:pairs': empty,
  'sync:save-pair': z.object({ name: z.string().trim().min(1).max(200), left: syncLocation, right: syncLocation, mode: compareMode }).strict(),
  'sync:delete-pair': z.object({ id }).strict(),
  'sync:plan': z.object({ compareId: id, direction: z.enum(['make-right', 'make-left', 'both']), deleteExtras: z.boolean().optional() }).strict(),
  'sync:run': z.object({ planId: id, runToken: id.optional() }).strict(),

  // ── menu ──
  'menu:state': z.object({ disabled: z.array(z.enum(COMMAND_IDS as [CommandId, ...CommandId[]])).max(COMMAND_IDS.length) }).strict(),

  // ── search ──
  'search:crawl': z.object({ connectionId: id, bucket, prefix: key, crawlId: id, concurrency: z.number().int().min(1).max(64).optional() }).strict(),
  'search:cancel': z.object({ crawlId: id }).strict(),
  'search:query': z
    .object({
      connectionId: id,
      bucket,
      prefix: key,
      recursive: z.boolean(),
      mode: z.enum(['substring', 'glob', 'regex']),
      pattern: z.string().max(4096),
      // A plain object only: a Date or an array has no own fields and would pass as "no filters".
      filters: z.custom<unknown>(isPlainObject, 'expected an object').pipe(searchFilters).optional(),
      limit: z.number().int().min(1).max(100_000).optional(),
      count: z.boolean().optional(),
    })
    .strict(),
  'search:status': z.object({ connectionId: id, bucket }).strict(),
  'search:sizes': z.object({ connectionId: id, bucket, prefix: key }).strict(),
  'search:drop': z.object({ connectionId: id, bucket }).strict(),
  ...propertySchemas,

} satisfies { [C in Channel]: z.ZodType<RequestOf<C>> };

type ChannelSchemas = typeof channelSchemas;

/** The runtime guard for every channel: main parses each request with its schema before anything else. */
export const requestSchemas = Object.fromEntries(
  Object.entries(channelSchemas).map(([channel, schema]) => [channel, plainRequest(schema)]),
) as { readonly [C in Channel]: z.ZodPipe<z.ZodCustom<unknown>, ChannelSchemas[C]> };
