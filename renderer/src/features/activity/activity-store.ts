/**
 * The activity list: recent results and failures with their reasons, newest first. Finished operations feed it
 * (followOperations); a success's toast then fades and is removed, a failure stays here after its toast goes.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';

export interface ActivityEntry {
  readonly id: string;
  readonly outcome: 'success' | 'failure';
  readonly title: string;
  /** The summary line, and for failures the reasons (first few keys). */
  readonly details: readonly string[];
  /** Epoch milliseconds. */
  readonly at: number;
}

export interface ActivityState {
  readonly entries: readonly ActivityEntry[];
  /** Failures since the list was last opened (the status-bar badge). */
  readonly unseenFailures: number;
  readonly open: boolean;
}

export interface ActivityActions {
  add(entry: Omit<ActivityEntry, 'at'>): void;
  setOpen(open: boolean): void;
  clear(): void;
}

export type ActivityStore = StoreApi<ActivityState & ActivityActions>;

/** Old entries drop off; the list is for "what just happened", not an audit log. */
export const MAX_ENTRIES = 200;

export function createActivityStore(now: () => number = Date.now): ActivityStore {
  return createStore<ActivityState & ActivityActions>()((set) => ({
    entries: [],
    unseenFailures: 0,
    open: false,
    add(entry) {
      set((s) => ({
        entries: [{ ...entry, at: now() }, ...s.entries.filter((e) => e.id !== entry.id)].slice(0, MAX_ENTRIES),
        unseenFailures: s.unseenFailures + (entry.outcome === 'failure' && !s.open ? 1 : 0),
      }));
    },
    setOpen(open) {
      set(open ? { open, unseenFailures: 0 } : { open });
    },
    clear() {
      set({ entries: [], unseenFailures: 0 });
    },
  }));
}
