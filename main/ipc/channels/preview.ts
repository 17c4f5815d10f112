import type { PreviewService } from '../../preview/preview-service';
import type { ChannelImpls } from '../envelope';

type PreviewChannels = 'preview:parquet' | 'preview:zip' | 'preview:text' | 'preview:bytes' | 'preview:cancel' | 'preview:media-open' | 'preview:media-close';

export function previewChannels(previews: PreviewService): ChannelImpls<PreviewChannels> {
  return {
    'preview:parquet': (req) => previews.parquet(req),
    'preview:zip': (req) => previews.zip(req),
    'preview:text': (req) => previews.text(req),
    'preview:bytes': (req) => previews.whole(req),
    'preview:cancel': (req) => previews.cancel(req.requestId),
    'preview:media-open': (req) => previews.openMedia(req),
    'preview:media-close': (req) => previews.closeMedia(req.url),
  };
}
