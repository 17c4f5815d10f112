import type { CoreContext } from '../../core/context';
import { folderSize } from '../../s3/folder-size';
import type { ChannelImpls } from '../envelope';

export function folderSizeChannels(ctx: CoreContext): ChannelImpls<'objects:folder-size'> {
  return {
    'objects:folder-size': (req) => folderSize(ctx.clientFor(req.connectionId, req.bucket), req.bucket, req.prefix),
  };
}
