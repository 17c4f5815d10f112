/** The workspace's zod schema: checks both what the renderer sends (`workspace:set`) and what is on disk. */
import { z } from 'zod';
import { BOOKMARKS_LIMIT, RECENTS_LIMIT, TAB_HISTORY_LIMIT, TABS_LIMIT, type Workspace } from '../../shared/workspace';
import { bucket, id, key } from '../core/field-schemas';

const location = z.object({ bucket: bucket.nullable(), prefix: key }).strict();
/** A prefix without a bucket means nothing; refusing it keeps every restored tab navigable. */
const noPrefixWithoutBucket = (l: { bucket: string | null; prefix: string }) => l.bucket !== null || l.prefix === '';
const place = { connectionId: id, bucket: bucket.nullable(), prefix: key };

const tab = z
  .object({
    id,
    connectionId: id.nullable(),
    location: location.refine(noPrefixWithoutBucket, 'prefix without bucket'),
    back: z.array(location).max(TAB_HISTORY_LIMIT),
    forward: z.array(location).max(TAB_HISTORY_LIMIT),
  })
  .strict();

const bookmark = z
  .object({ id, label: z.string().trim().min(1).max(200), ...place })
  .strict()
  .refine(noPrefixWithoutBucket, 'prefix without bucket');
const recent = z
  .object({ ...place, at: z.number().int().min(0) })
  .strict()
  .refine(noPrefixWithoutBucket, 'prefix without bucket');

export const workspaceSchema = z
  .object({
    tabs: z.array(tab).max(TABS_LIMIT),
    activeTabId: id.nullable(),
    bookmarks: z.array(bookmark).max(BOOKMARKS_LIMIT),
    recents: z.array(recent).max(RECENTS_LIMIT),
  })
  .strict() satisfies z.ZodType<Workspace>;

export const WORKSPACE_FILE_NAME = 'workspace.json';
export const WORKSPACE_VERSION = 1;

export const workspaceFileSchema = z.object({ version: z.literal(WORKSPACE_VERSION), workspace: workspaceSchema }).strict();
