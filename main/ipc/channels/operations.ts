import { OperationsService, type OperationsOptions } from '../../operations/operations-service';
import type { CoreContext } from '../../core/context';
import type { ChunkPace } from '../../operations/object-copy';
import type { PriceTables } from '../../cost/price-tables';
import type { ChannelImpls } from '../envelope';

type OperationChannels =
  | 'operations:create-folder'
  | 'operations:plan'
  | 'operations:run'
  | 'operations:cancel'
  | 'operations:discard'
  | 'operations:share'
  | 'operations:preview';

export function operationChannels(
  ctx: CoreContext,
  options: Partial<OperationsOptions> = {},
  prices?: PriceTables,
  pace?: ChunkPace,
): ChannelImpls<OperationChannels> {
  const ops = new OperationsService(ctx, options, prices, pace);
  return {
    'operations:create-folder': (req) => ops.createFolder(req.connectionId, req.bucket, req.prefix, req.name),
    'operations:plan': (req) => ops.plan(req),
    'operations:run': (req) => ops.run(req.planId),
    'operations:cancel': (req) => ({ cancelled: ops.cancel(req.operationId) }),
    'operations:discard': (req) => ({ discarded: ops.discard(req.planId) }),
    'operations:share': (req) => ops.share(req),
    'operations:preview': (req) => ops.preview(req.connectionId, req.bucket, req.key, req.versionId),
  };
}
