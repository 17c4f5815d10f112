import { ageDays, type CostInput } from '../../shared/cost';
import type { CopyLimits } from './object-copy';
import type { StoredPlan } from './plan-store';
import { DELETE_BATCH } from './run';

/** lib-storage's default part size: what a streamed copy across connections uploads in. */
const STREAM_PART = 5 * 1024 * 1024;

/**
 * What a delete, copy, move or rename plan will be billed for, from the plan alone (its listing already
 * happened). Server-side copies move no bytes over the network but read the source (IA retrieval fees);
 * streamed copies download from the source and upload to the target; moves and deletes take the sources out
 * of their class, which IA, Glacier and Wasabi bill for up to their minimum duration.
 */
export function operationCostInput(plan: Pick<StoredPlan, 'kind' | 'items' | 'source' | 'target'>, limits: CopyLimits, now: number): CostInput {
  const requests: Array<CostInput['requests'][number]> = [];
  const deletes = plan.kind !== 'copy';
  const n = plan.items.length;
  let bytesRead = 0;
  let bytesWritten = 0;
  const retrievals: Array<{ storageClass: string; bytes: number }> = [];
  if (plan.kind !== 'delete') {
    const stream = plan.target !== null && plan.target.connectionId !== plan.source.connectionId;
    for (const item of plan.items) {
      const storageClass = item.storageClass ?? 'STANDARD';
      if (stream) {
        requests.push({ kind: 'get', storageClass, count: 1 });
        // Uploads land as STANDARD (a streamed copy does not carry the class over).
        const parts = Math.ceil(item.size / STREAM_PART);
        requests.push({ kind: 'put', storageClass: 'STANDARD', count: parts <= 1 ? 1 : parts + 2 });
        bytesRead += item.size;
        bytesWritten += item.size;
      } else if (item.size > limits.multipartThreshold) {
        const partSize = Math.max(limits.copyPartSize, Math.ceil(item.size / 10_000));
        requests.push({ kind: 'get', storageClass, count: 1 });
        requests.push({ kind: 'put', storageClass, count: Math.ceil(item.size / partSize) + 2 });
        retrievals.push({ storageClass, bytes: item.size });
      } else {
        requests.push({ kind: 'put', storageClass, count: 1 });
        retrievals.push({ storageClass, bytes: item.size });
      }
    }
  }
  if (deletes) requests.push({ kind: 'delete', count: Math.ceil(n / DELETE_BATCH) });
  return {
    requests,
    bytesRead,
    bytesWritten,
    retrievals,
    removals: deletes
      ? plan.items.map((i) => ({ storageClass: i.storageClass ?? 'STANDARD', bytes: i.size, ageDays: ageDays(i.lastModified ?? 0, now) }))
      : [],
  };
}
