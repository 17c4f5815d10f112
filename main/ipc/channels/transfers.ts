import type { Channel } from '../../../shared/ipc';
import type { TransferService } from '../../transfers/transfer-service';
import type { ChannelImpls } from '../envelope';

type TransferChannel = Extract<Channel, `transfers:${string}`>;

export function transferChannels(service: TransferService): ChannelImpls<TransferChannel> {
  return {
    'transfers:download': (req) => service.download(req),
    'transfers:upload': (req) => service.upload(req),
    'transfers:restore-download': (req) => ({ count: service.restoreAndDownload(req.ids, req.restore) }),
    'transfers:stream-open': (req) => service.openStream(req.name, req.size),
    'transfers:stream-write': (req) => service.writeStream(req.streamId, req.offset, Buffer.from(req.data, 'base64')),
    'transfers:stream-close': (req) => service.closeStream(req.streamId, req.abort ?? false),
    'transfers:list': () => service.list(),
    'transfers:cancel': (req) => ({ count: service.queue.cancel(req.ids) }),
    'transfers:retry': (req) => ({ count: service.queue.retry(req.ids) }),
    'transfers:clear': (req) => ({ count: service.queue.clearFinished(req.includeFailed ?? false) }),
    'transfers:pause': (req) => ({ count: service.queue.pause(req.ids) }),
    'transfers:resume': (req) => ({ count: service.queue.resume(req.ids) }),
    'transfers:pick-folder': () => service.pickFolder(),
    'transfers:pick-upload': (req) => service.pickUploadPaths(req.folders),
    'transfers:drag-options': () => service.dragOptions(),
    'transfers:stage': (req) => service.stage(req.connectionId, req.bucket, req.items),
    'transfers:drag-start': (req) => service.startDrag(req.stageId),
    'transfers:drag-end': (req) => {
      service.releaseStage(req.stageId);
      return {};
    },
    'transfers:show-in-folder': (req) => service.reveal(req.id, 'show'),
    'transfers:open': (req) => service.reveal(req.id, 'open'),
    'transfers:unfinished': () => service.unfinished(),
    'transfers:resume-unfinished': (req) => service.resumeUnfinished(req.ids),
    'transfers:discard-unfinished': (req) => service.discardUnfinished(req.ids),
    'transfers:bandwidth': (req) => service.setBandwidth(stripUndefined(req)),
    'transfers:incomplete-uploads': (req) => service.incomplete.list(req.connectionId, req.bucket),
    'transfers:abort-uploads-plan': (req) => service.incomplete.plan(req.connectionId, req.bucket, req.uploads),
    'transfers:abort-uploads-run': (req) => service.incomplete.run(req.planId),
  };
}

/** zod's optional fields may be present as undefined; the service takes them as absent. */
function stripUndefined(req: { readonly download?: number | null | undefined; readonly upload?: number | null | undefined }) {
  return {
    ...(req.download !== undefined ? { download: req.download } : {}),
    ...(req.upload !== undefined ? { upload: req.upload } : {}),
  };
}
