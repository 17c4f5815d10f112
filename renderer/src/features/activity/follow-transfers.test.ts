import { describe, expect, it } from 'vitest';
import type { TransferBatchEvent } from '../../../../shared/transfers';
import { createActivityStore } from './activity-store';
import { followTransfers } from './follow-transfers';

describe('followTransfers', () => {
  it('lists each finished batch; one with failures counts as a failure', () => {
    let emit: (e: TransferBatchEvent) => void = () => {};
    const activity = createActivityStore(() => 5);
    const stop = followTransfers({ onTransferBatch: (l) => ((emit = l), () => (emit = () => {})) }, activity);
    emit({ batchId: 'a', direction: 'download', done: 3, failed: 0, skipped: 1, cancelled: 0 });
    emit({ batchId: 'b', direction: 'upload', done: 1, failed: 2, skipped: 0, cancelled: 0 });
    const [upload, download] = activity.getState().entries;
    expect(download).toMatchObject({ outcome: 'success', title: 'Download finished', details: ['3 done, 1 skipped'] });
    expect(upload).toMatchObject({ outcome: 'failure', title: 'Upload finished' });
    expect(upload?.details[0]).toBe('1 done, 2 failed');
    expect(activity.getState().unseenFailures).toBe(1);
    stop();
    emit({ batchId: 'c', direction: 'upload', done: 1, failed: 0, skipped: 0, cancelled: 0 });
    expect(activity.getState().entries).toHaveLength(2);
  });
});
