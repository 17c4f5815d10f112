import type { SyncService } from '../../sync/sync-service';
import type { ChannelImpls } from '../envelope';

type SyncChannels = 'sync:compare' | 'sync:plan' | 'sync:run';

export function syncChannels(sync: SyncService): ChannelImpls<SyncChannels> {
  return {
    'sync:compare': (req) => sync.compare(req),
    'sync:plan': (req) => sync.plan(req),
    'sync:run': (req) => sync.run(req.planId),
  };
}
