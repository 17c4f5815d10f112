import type { OpenEditService } from '../../open-edit/open-edit-service';
import type { ChannelImpls } from '../envelope';

type EditChannels = 'edit:open' | 'edit:list' | 'edit:resolve' | 'edit:finish';

export function openEditChannels(edits: OpenEditService): ChannelImpls<EditChannels> {
  return {
    'edit:open': (req) => edits.open(req),
    'edit:list': () => ({ sessions: edits.list() }),
    'edit:resolve': (req) => edits.resolve(req),
    'edit:finish': (req) => edits.finish(req.sessionId),
  };
}
