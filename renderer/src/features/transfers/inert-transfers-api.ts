/**
 * The transfer part of the preload API as inert stubs, for other features' fake APIs (tests) that must satisfy
 * the whole RendererApi type but never transfer anything: every call answers an error, subscriptions never fire.
 */
import { fail } from '../../../../shared/errors';
import type { API_METHODS, EVENT_SUBSCRIPTIONS, RendererApi } from '../../../../shared/ipc';

type TransferMethod = {
  [M in keyof typeof API_METHODS]: (typeof API_METHODS)[M] extends `transfers:${string}` ? M : never;
}[keyof typeof API_METHODS];
type TransferSubscription = {
  [S in keyof typeof EVENT_SUBSCRIPTIONS]: (typeof EVENT_SUBSCRIPTIONS)[S] extends `transfers:${string}` ? S : never;
}[keyof typeof EVENT_SUBSCRIPTIONS];

export function inertTransfersApi(): Pick<RendererApi, TransferMethod | TransferSubscription> {
  const none = async () => fail<never>('Unknown', 'transfers are not part of this fake');
  const never = () => () => {};
  return {
    downloadObjects: none,
    uploadPaths: none,
    openUploadStream: none,
    writeUploadStream: none,
    closeUploadStream: none,
    listTransfers: none,
    cancelTransfers: none,
    retryTransfers: none,
    clearTransfers: none,
    pauseTransfers: none,
    resumeTransfers: none,
    pickDownloadFolder: none,
    pickUploadPaths: none,
    dragOptions: none,
    stageDrag: none,
    startDrag: none,
    endDrag: none,
    listUnfinishedTransfers: none,
    resumeUnfinishedTransfers: none,
    discardUnfinishedTransfers: none,
    setBandwidthLimits: none,
    listIncompleteUploads: none,
    planAbortUploads: none,
    runAbortUploads: none,
    onTransferProgress: never,
    onTransferBatch: never,
  };
}
