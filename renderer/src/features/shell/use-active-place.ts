/** The active tab's place and connection, re-rendering on tab switches and on the active tab's navigation. */
import { useMemo } from 'react';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ConnectionSummary } from '../../../../shared/types';
import type { PlaceRef } from '../../../../shared/workspace';
import type { BrowserState } from '../browser';
import type { ShellStore } from './shell-store';

type TabView = StoreApi<Pick<BrowserState, 'connection' | 'location'>>;
/** Stands in before the first tab exists, so the hooks below are always called on some store. */
const NO_TAB: TabView = createStore(() => ({ connection: null, location: { bucket: null, prefix: '' } }));

export function useActivePlace(shell: ShellStore): { readonly place: PlaceRef | null; readonly connection: ConnectionSummary | null } {
  const tab = useStore(shell, (s) => s.tabs.find((t) => t.id === s.activeTabId));
  const connections = useStore(shell, (s) => s.connections);
  const view: TabView = tab?.browser ?? NO_TAB;
  const live = useStore(view, (s) => s.connection);
  const location = useStore(view, (s) => s.location);
  return useMemo(() => {
    if (tab?.pending) {
      const { connectionId, location: at } = tab.pending;
      const connection = connections.find((c) => c.id === connectionId) ?? null;
      return { place: connection ? { connectionId: connection.id, ...at } : null, connection };
    }
    return { place: live ? { connectionId: live.id, ...location } : null, connection: live };
  }, [tab, connections, live, location]);
}
