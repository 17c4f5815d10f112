import type { SyncService } from '../../sync/sync-service';
import type { ChannelImpls } from '../envelope';

type SyncChannels = 'sync:compare' | 'sync:plan' | 'sync:run' | 'sync:cancel' | 'sync:pairs' | 'sync:save-pair' | 'sync:delete-pair';

export function syncChannels(sync: SyncService): ChannelImpls<SyncChannels> {
  return {
    'sync:compare': (req) => sync.compare(req),
    'sync:plan': (req) => sync.plan(req),
    'sync:run': (req) => sync.run(req.planId, req.runToken),
    'sync:cancel': async (req) => ({ cancelled: await sync.cancel(req.token) }),
    'sync:pairs': () => sync.pairs.list(),
    'sync:save-pair': (req) => sync.pairs.save(req),
    'sync:delete-pair': async (req) => ({ deleted: await sync.pairs.remove(req.id) }),
  };
}
