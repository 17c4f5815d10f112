import { BucketService } from '../../buckets/bucket-service';
import type { CoreContext } from '../../core/context';
import type { ChannelImpls } from '../envelope';

export function bucketChannels(ctx: CoreContext): ChannelImpls<'buckets:create' | 'buckets:delete' | 'buckets:info'> {
  const b = new BucketService(ctx);
  return {
    'buckets:create': (req) => b.create(req.connectionId, req.name, req.region),
    'buckets:delete': (req) => b.deleteEmpty(req.connectionId, req.bucket),
    'buckets:info': (req) => b.info(req.connectionId, req.bucket),
  };
}
