import type { CoreContext } from '../../core/context';
import { type VersionsOptions, VersionsService } from '../../versions/versions-service';
import type { ChannelImpls } from '../envelope';

type VersionChannels =
  | 'versions:state'
  | 'versions:set-state'
  | 'versions:list'
  | 'versions:deleted'
  | 'versions:as-of'
  | 'versions:restore-version'
  | 'versions:delete-version'
  | 'versions:plan-undelete'
  | 'versions:plan-restore'
  | 'versions:run'
  | 'versions:cancel'
  | 'versions:discard';

export function versionChannels(ctx: CoreContext, options: Partial<VersionsOptions> = {}): ChannelImpls<VersionChannels> {
  const v = new VersionsService(ctx, options);
  return {
    'versions:state': async (req) => ({ state: await v.state(req.connectionId, req.bucket) }),
    'versions:set-state': async (req) => ({ state: await v.setState(req.connectionId, req.bucket, req.enabled) }),
    'versions:list': (req) => v.list(req.connectionId, req.bucket, req.key, req.refresh ?? false),
    'versions:deleted': (req) => v.deleted(req.connectionId, req.bucket, req.prefix, req.refresh ?? false),
    'versions:as-of': (req) => v.asOf(req.connectionId, req.bucket, req.prefix, req.at, req.refresh ?? false),
    'versions:restore-version': (req) => v.restoreVersion(req.connectionId, req.bucket, req.key, req.versionId),
    'versions:delete-version': (req) => v.deleteVersion(req.connectionId, req.bucket, req.key, req.versionId),
    'versions:plan-undelete': (req) => v.planUndelete(req.connectionId, req.bucket, req.items),
    'versions:plan-restore': (req) => v.planRestore(req.connectionId, req.bucket, req.prefix, req.at, req.hideNewer),
    'versions:run': (req) => v.run(req.planId),
    'versions:cancel': (req) => ({ cancelled: v.cancel(req.planId) }),
    'versions:discard': (req) => ({ discarded: v.discard(req.planId) }),
  };
}
