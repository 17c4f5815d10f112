import { BucketConfigService } from '../../buckets/bucket-config-service';
import { BucketService } from '../../buckets/bucket-service';
import { type EmptyOptions, EmptyBucketService } from '../../buckets/empty-service';
import type { PriceTables } from '../../cost/price-tables';
import type { CoreContext } from '../../core/context';
import type { ChannelImpls } from '../envelope';

type BucketChannels =
  | 'buckets:create'
  | 'buckets:delete'
  | 'buckets:info'
  | 'buckets:config-get'
  | 'buckets:config-save'
  | 'buckets:empty-plan'
  | 'buckets:empty-run'
  | 'buckets:empty-cancel'
  | 'buckets:empty-discard';

export function bucketChannels(ctx: CoreContext, prices: PriceTables, options: Partial<EmptyOptions> = {}): ChannelImpls<BucketChannels> {
  const b = new BucketService(ctx);
  const config = new BucketConfigService(ctx);
  const empty = new EmptyBucketService(ctx, prices, options);
  return {
    'buckets:create': (req) => b.create(req.connectionId, req.name, req.region),
    'buckets:delete': (req) => b.deleteEmpty(req.connectionId, req.bucket),
    'buckets:info': (req) => b.info(req.connectionId, req.bucket),
    'buckets:config-get': async (req) => ({ text: await config.read(req.connectionId, req.bucket, req.kind) }),
    'buckets:config-save': async (req) => ({ text: await config.save(req.connectionId, req.bucket, req.kind, req.text, req.before) }),
    'buckets:empty-plan': (req) => empty.plan(req.connectionId, req.bucket, req.planningId),
    'buckets:empty-run': (req) => empty.run(req.planId),
    'buckets:empty-cancel': (req) => ({ cancelled: empty.cancel(req.id) }),
    'buckets:empty-discard': (req) => ({ discarded: empty.discard(req.planId) }),
  };
}
