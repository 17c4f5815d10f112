import type { WorkspaceStore } from '../../workspace/workspace-store';
import type { ChannelImpls } from '../envelope';

export function workspaceChannels(store: WorkspaceStore): ChannelImpls<'workspace:get' | 'workspace:set'> {
  return {
    'workspace:get': () => store.get(),
    'workspace:set': (req) => store.set(req.workspace),
  };
}
