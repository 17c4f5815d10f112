import type { CoreContext } from '../../core/context';
import type { ChannelImpls } from '../envelope';

export function cacheChannels(
  ctx: CoreContext,
  requests: Readonly<Record<string, number>>,
): ChannelImpls<'cache:stats' | 'cache:invalidate'> {
  return {
    'cache:stats': () => ({ ...ctx.cache.stats(), requests: { ...requests } }),
    'cache:invalidate': (req) => ({ dropped: ctx.cache.invalidateScope(req.connectionId, req.bucket, req.prefix) }),
  };
}
