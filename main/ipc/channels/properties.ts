import type { CoreContext } from '../../core/context';
import type { PriceTables } from '../../cost/price-tables';
import { type PropertiesOptions, PropertiesService } from '../../properties/properties-service';
import type { ChannelImpls } from '../envelope';

type PropertyChannels =
  | 'properties:get'
  | 'properties:plan'
  | 'properties:run'
  | 'properties:cancel'
  | 'properties:discard'
  | 'cost:tables'
  | 'cost:save-table'
  | 'cost:reset-table';

export function propertyChannels(ctx: CoreContext, prices: PriceTables, options: Partial<PropertiesOptions> = {}): ChannelImpls<PropertyChannels> {
  const p = new PropertiesService(ctx, prices, options);
  return {
    'properties:get': (req) => p.get(req.connectionId, req.bucket, req.key, req.refresh ?? false),
    'properties:plan': (req) => p.plan(req),
    'properties:run': (req) => p.run(req.planId),
    'properties:cancel': async (req) => ({ cancelled: p.cancel(req.planId) }),
    'properties:discard': async (req) => ({ discarded: p.discard(req.planId) }),
    'cost:tables': async () => prices.list(),
    'cost:save-table': async (req) => {
      await prices.save(req.table);
      return { saved: true } as const;
    },
    'cost:reset-table': async (req) => ({ reset: await prices.reset(req.id) }),
  };
}
