import type { TransferItem } from '../../../../shared/transfers';
import type { TransfersState } from './transfers-store';

/** Items in arrival order (the panel's rows). */
export function selectItems(state: TransfersState): TransferItem[] {
  return state.order.flatMap((id) => state.byId[id] ?? []);
}

export function selectHasFinished(state: TransfersState): boolean {
  const t = state.totals;
  return t.done + t.skipped + t.cancelled > 0;
}

export function selectHasRetryable(state: TransfersState): boolean {
  return state.totals.failed + state.totals.cancelled > 0;
}

export function selectActive(state: TransfersState): boolean {
  return state.totals.running + state.totals.queued > 0;
}
