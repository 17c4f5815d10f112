import { BrowseService } from '../../s3/browse-service';
import type { CoreContext } from '../../core/context';
import type { ChannelImpls } from '../envelope';

export function browseChannels(ctx: CoreContext): ChannelImpls<'buckets:list' | 'objects:list' | 'objects:stat' | 'objects:head'> {
  const browse = new BrowseService(ctx.cache);
  return {
    'buckets:list': (req) =>
      browse.listBuckets(ctx.clientOf(req.connectionId), (bucket, region) => ctx.connections.learnBucketRegion(req.connectionId, bucket, region)),
    'objects:list': (req) =>
      browse.listPage({
        connectionId: req.connectionId,
        client: ctx.clientFor(req.connectionId, req.bucket),
        bucket: req.bucket,
        prefix: req.prefix,
        cursor: req.cursor ?? null,
        refresh: req.refresh ?? false,
      }),
    'objects:stat': (req) => {
      ctx.clientOf(req.connectionId);
      return browse.stat(req.connectionId, req.bucket, req.keys);
    },
    'objects:head': (req) => browse.head(req.connectionId, ctx.clientFor(req.connectionId, req.bucket), req.bucket, req.key),
  };
}
