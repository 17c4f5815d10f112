/**
 * The status bar's part: the bucket's versioning once known (a button to its dialog), and while Show deleted
 * is on, how many deleted items it found and the ListObjectVersions requests it has cost this view.
 */
import { useStore } from 'zustand';
import { plural } from '../../lib/format';
import type { Place } from './recovery-store';
import { stateOf } from './versioning-store';
import type { VersionsWiring } from './versions-wiring';

const LABEL = { enabled: 'enabled', suspended: 'suspended', never: 'off' } as const;

export function VersionsStatus({ wiring, place }: { readonly wiring: VersionsWiring; readonly place: Place | null }) {
  const states = useStore(wiring.versioning, (s) => s.states);
  const showDeleted = useStore(wiring.recovery, (s) => s.showDeleted);
  const deleted = useStore(wiring.recovery, (s) => s.deleted);
  const listRequests = useStore(wiring.recovery, (s) => s.listRequests);
  const state = stateOf(states, place);
  return (
    <>
      {showDeleted ? (
        <span
          className="status-versions"
          title="Show deleted lists this folder's versions: ListObjectVersions requests it sent in this view"
          data-testid="status-show-deleted"
        >
          {deleted.status === 'loading' ? 'Looking for deleted items…' : deleted.status === 'error' ? `Deleted items could not be listed: ${deleted.error?.detail || deleted.error?.message || ''}` : plural(deleted.entries.length, 'deleted item')}
          {' · '}ListObjectVersions: <b data-testid="status-list-versions">{listRequests}</b>
        </span>
      ) : null}
      {place && state ? (
        <button
          type="button"
          className="status-versioning"
          title="Bucket versioning: what it means, enable or suspend"
          onClick={() => void wiring.versioning.getState().openDialog(place)}
          data-testid="status-versioning"
          data-state={state}
        >
          Versioning: {LABEL[state]}
        </button>
      ) : null}
    </>
  );
}
