/** The "Compare and sync…" button for the folder on screen: it opens the sync dialog with that prefix on the right. */
import type { SyncLocation } from '../../../../shared/sync';
import type { SyncStore } from './sync-store';

export function SyncLauncher({ store, right }: { readonly store: SyncStore; readonly right: SyncLocation | null }) {
  if (right === null) return null;
  return (
    <button type="button" className="sync-launcher" data-testid="sync-open" onClick={() => store.getState().openFor(right)}>
      Compare and sync…
    </button>
  );
}
