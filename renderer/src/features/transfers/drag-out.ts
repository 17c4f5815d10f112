/**
 * Drag-out from the table. Electron's startDrag needs files that already exist, and the OS must never get a
 * half-written file, so the selection is staged first: main downloads it complete and verified into a temp
 * folder (through the transfer engine), then starts the OS drag with those paths. Staging starts when the
 * drag starts (not on pointer-down: a click must never cost a download); the HTML drag itself is cancelled
 * (preventDefault) and replaced by the native one once the files are complete. Selections above main's
 * staging limit get a message suggesting Download instead.
 */
import type { RendererApi } from '../../../../shared/ipc';
import type { SelectedItem, StageOutcome } from '../../../../shared/transfers';
import type { BucketLocation } from './transfers-store';

type DragApi = Pick<RendererApi, 'stageDrag' | 'startDrag' | 'endDrag'>;

export interface DragOut {
  /** Start staging (idempotent: the same selection shares one staging until a drag uses it). */
  prepare(location: BucketLocation, items: readonly SelectedItem[]): Promise<StageOutcome | undefined>;
  /** The drag started: wait for staging, hand the files to the OS drag. */
  begin(location: BucketLocation, items: readonly SelectedItem[]): Promise<void>;
}

export function createDragOut(api: DragApi, tell: (message: string) => void): DragOut {
  let pending: { signature: string; outcome: Promise<StageOutcome | undefined> } | null = null;

  const prepare: DragOut['prepare'] = (location, items) => {
    const signature = JSON.stringify([location.connectionId, location.bucket, items.map((i) => [i.kind, i.key])]);
    if (pending?.signature !== signature) {
      const outcome = api.stageDrag({ connectionId: location.connectionId, bucket: location.bucket, items: [...items] }).then((r) => {
        if (!r.ok) {
          tell(r.error.message);
          return undefined;
        }
        return r.value;
      });
      pending = { signature, outcome };
    }
    return pending.outcome;
  };

  return {
    prepare,
    async begin(location, items) {
      const outcome = await prepare(location, items);
      // A stage is used for one drag: its files are removed after the drag (and a grace period).
      pending = null;
      if (!outcome) return;
      if (outcome.status === 'too-large') {
        tell(outcome.message);
        return;
      }
      if (outcome.refused.length > 0) tell(`${outcome.refused.length} item(s) left out — ${outcome.refused[0]!.key}: ${outcome.refused[0]!.reason}`);
      const started = await api.startDrag({ stageId: outcome.stageId });
      if (!started.ok) tell(started.error.message);
      await api.endDrag({ stageId: outcome.stageId });
    },
  };
}
