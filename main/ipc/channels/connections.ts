import type { ChannelImpls, CoreContext } from '../context';

export function connectionChannels(ctx: CoreContext): ChannelImpls<'connections:add' | 'connections:list'> {
  return {
    'connections:add': (req) => ctx.connections.add(req),
    'connections:list': () => ctx.connections.list(),
  };
}
