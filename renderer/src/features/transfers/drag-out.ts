/**
 * Drag-out from the table. Electron's startDrag needs files that already exist, and the OS must never get a
 * half-written file, so the selection is staged first: main downloads it complete and verified into a temp
 * folder (through the transfer engine), then starts the OS drag with those paths. Staging starts when the
 * drag starts (not on pointer-down: a click must never cost a download); the HTML drag itself is cancelled
 * (preventDefault) and replaced by the native one once the files are complete. Selections above main's
 * staging limit get a message suggesting Download instead.
 *
 * One large file on Windows and macOS goes another way (main says from which size, per OS): the HTML drag
 * itself carries Chromium's DownloadURL data pointing at main's app protocol, so the drag starts at once and
 * the file is fetched only when dropped (shared/drag-stream.ts). That choice is made synchronously inside
 * `dragstart`, the only moment drag data can be set.
 */
import { type DragOptions, downloadUrlData } from '../../../../shared/drag-stream';
import type { RendererApi } from '../../../../shared/ipc';
import type { SelectedItem, StageOutcome } from '../../../../shared/transfers';
import { call, type UserError } from '../../lib/call';
import type { BucketLocation } from './transfers-store';

export type DragApi = Pick<RendererApi, 'dragOptions' | 'stageDrag' | 'startDrag' | 'endDrag'>;

export interface DragOut {
  /** Start staging (idempotent: the same selection shares one staging until a drag uses it). */
  prepare(location: BucketLocation, items: readonly SelectedItem[]): Promise<StageOutcome | undefined>;
  /** The drag started: wait for staging, hand the files to the OS drag. */
  begin(location: BucketLocation, items: readonly SelectedItem[]): Promise<void>;
  /**
   * Synchronous, inside `dragstart`: the DownloadURL drag data when this drag should stream (one file at least
   * main's threshold, on an OS whose Chromium supports it), else null and the drag is staged.
   */
  streamData(location: BucketLocation, items: readonly SelectedItem[], sizeOf: (key: string) => number | undefined): string | null;
}

/** A notice (a limit, left-out items) or a failed call, for the transfers banner. */
export type Tell = (notice: string | UserError) => void;

export function createDragOut(api: DragApi, tell: Tell): DragOut {
  let pending: { signature: string; outcome: Promise<StageOutcome | undefined> } | null = null;
  // Until main answers, every drag is staged (the safe default on every OS).
  let options: DragOptions | null = null;
  void call(() => api.dragOptions({})).then((r) => {
    if (r.ok) options = r.value;
  });

  const prepare: DragOut['prepare'] = (location, items) => {
    const signature = JSON.stringify([location.connectionId, location.bucket, items.map((i) => [i.kind, i.key])]);
    if (pending?.signature !== signature) {
      const outcome = call(() => api.stageDrag({ connectionId: location.connectionId, bucket: location.bucket, items: [...items] })).then((r) => {
        if (!r.ok) {
          tell(r.error);
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
    streamData(location, items, sizeOf) {
      const threshold = options?.streamAboveBytes;
      if (threshold == null || items.length !== 1 || items[0]!.kind !== 'object') return null;
      const size = sizeOf(items[0]!.key);
      if (size === undefined || size < threshold) return null;
      return downloadUrlData({ connectionId: location.connectionId, bucket: location.bucket, key: items[0]!.key });
    },
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
      const started = await call(() => api.startDrag({ stageId: outcome.stageId }));
      if (!started.ok) tell(started.error);
      // The stage is removed later by main anyway; a failed end needs no banner.
      await call(() => api.endDrag({ stageId: outcome.stageId }));
    },
  };
}
