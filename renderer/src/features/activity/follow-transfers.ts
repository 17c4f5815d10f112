/**
 * Finished transfer batches go to the activity list too: a batch with failures is a failure entry (the
 * transfer panel's red rows carry each reason), anything else a result.
 */
import type { RendererApi } from '../../../../shared/ipc';
import type { TransferBatchEvent } from '../../../../shared/transfers';
import type { ActivityStore } from './activity-store';

export function batchEntry(event: TransferBatchEvent) {
  const verb = event.direction === 'download' ? 'Download' : 'Upload';
  const parts = [`${event.done} done`];
  if (event.failed) parts.push(`${event.failed} failed`);
  if (event.skipped) parts.push(`${event.skipped} skipped`);
  if (event.cancelled) parts.push(`${event.cancelled} cancelled`);
  const details = [parts.join(', ')];
  if (event.failed) details.push('The transfer panel lists each failed file with its reason; Retry failed tries them again.');
  return { id: `transfers:${event.batchId}`, outcome: event.failed ? ('failure' as const) : ('success' as const), title: `${verb} finished`, details };
}

export function followTransfers(api: Pick<RendererApi, 'onTransferBatch'>, activity: ActivityStore): () => void {
  return api.onTransferBatch((event) => activity.getState().add(batchEntry(event)));
}
