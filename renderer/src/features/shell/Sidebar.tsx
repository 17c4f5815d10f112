/** The left sidebar: connections (each expandable to its buckets), bookmarks and recent places, as trees. */
import { useMemo } from 'react';
import { useStore } from 'zustand';
import { type PlaceRef, samePlace } from '../../../../shared/workspace';
import { placeLabel, placePath } from './place-label';
import { ProviderIcon } from './ProviderIcon';
import { providerOf } from './provider';
import type { ShellStore } from './shell-store';
import { type SidebarNode, TreeView } from './TreeView';
import { useActivePlace } from './use-active-place';

function BucketGlyph() {
  return (
    <svg className="icon icon-bucket" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
      <path d="M2 4h12l-1.5 9.5h-9z M2 4c0-1.2 2.7-2 6-2s6 .8 6 2" />
    </svg>
  );
}

function StarGlyph() {
  return (
    <svg className="icon icon-star" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
      <path d="M8 1.8l1.9 3.9 4.3.6-3.1 3 .7 4.3L8 11.6l-3.8 2 .7-4.3-3.1-3 4.3-.6z" />
    </svg>
  );
}

function ClockGlyph() {
  return (
    <svg className="icon icon-clock" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
      <circle cx="8" cy="8" r="6" />
      <path d="M8 4.5V8l2.5 1.5" />
    </svg>
  );
}

export function Sidebar({ shell }: { readonly shell: ShellStore }) {
  const connections = useStore(shell, (s) => s.connections);
  const buckets = useStore(shell, (s) => s.buckets);
  const bookmarks = useStore(shell, (s) => s.bookmarks);
  const recents = useStore(shell, (s) => s.recents);
  const { place: current } = useActivePlace(shell);
  const actions = shell.getState();

  const isCurrent = (place: PlaceRef) => current !== null && samePlace(current, place);
  const nameOf = (id: string) => connections.find((c) => c.id === id)?.name ?? 'Removed connection';

  const connectionNodes = useMemo<SidebarNode[]>(
    () =>
      connections.map((c) => {
        const known = buckets[c.id];
        return {
          id: `c:${c.id}`,
          label: c.name,
          title: `${c.name} · ${c.endpoint ?? 'AWS'}`,
          icon: <ProviderIcon provider={providerOf(c)} />,
          expandable: true,
          testId: 'sidebar-connection',
          data: { 'data-name': c.name },
          current: current?.connectionId === c.id && current.bucket === null,
          emptyText: !known || known.status === 'loading' ? 'Loading…' : known.status === 'error' ? (known.error?.message ?? 'Could not list buckets') : 'No buckets',
          onActivate: () => void actions.openConnection(c),
          onExpand: () => void actions.loadBuckets(c.id),
          children: (known?.names ?? []).map((name) => ({
            id: `b:${c.id}:${name}`,
            label: name,
            icon: <BucketGlyph />,
            expandable: false,
            children: [],
            testId: 'sidebar-bucket',
            data: { 'data-bucket': name },
            current: current?.connectionId === c.id && current.bucket === name && current.prefix === '',
            onActivate: () => void actions.openPlace({ connectionId: c.id, bucket: name, prefix: '' }),
          })),
        };
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- actions is the store's stable action set
    [connections, buckets, current],
  );

  const bookmarkNodes: SidebarNode[] = bookmarks.map((m) => ({
    id: `m:${m.id}`,
    label: m.label,
    title: `${nameOf(m.connectionId)} · s3://${placePath(m)}`,
    icon: <StarGlyph />,
    expandable: false,
    children: [],
    testId: 'sidebar-bookmark',
    data: { 'data-path': placePath(m) },
    current: isCurrent(m),
    onActivate: () => void actions.openPlace(m),
    onRemove: () => actions.removeBookmark(m.id),
    removeLabel: `Remove bookmark ${m.label}`,
  }));

  const recentNodes: SidebarNode[] = recents.map((r) => ({
    id: `r:${r.connectionId}:${placePath(r)}`,
    label: placeLabel(r),
    title: `${nameOf(r.connectionId)} · s3://${placePath(r)}`,
    icon: <ClockGlyph />,
    expandable: false,
    children: [],
    testId: 'sidebar-recent',
    data: { 'data-path': placePath(r) },
    current: isCurrent(r),
    onActivate: () => void actions.openPlace(r),
  }));

  return (
    <nav className="sidebar" aria-label="Sidebar" data-testid="sidebar">
      <h2 className="sidebar-heading" id="sidebar-connections">Connections</h2>
      {connectionNodes.length > 0 ? (
        <TreeView label="Connections" testId="sidebar-connections" nodes={connectionNodes} />
      ) : (
        <p className="sidebar-hint">No saved connections yet.</p>
      )}
      <h2 className="sidebar-heading">Bookmarks</h2>
      {bookmarkNodes.length > 0 ? (
        <TreeView label="Bookmarks" testId="sidebar-bookmarks" nodes={bookmarkNodes} />
      ) : (
        <p className="sidebar-hint">Ctrl+D bookmarks the open folder.</p>
      )}
      <h2 className="sidebar-heading">Recent</h2>
      {recentNodes.length > 0 ? (
        <TreeView label="Recent places" testId="sidebar-recents" nodes={recentNodes} />
      ) : (
        <p className="sidebar-hint">Folders you open appear here.</p>
      )}
    </nav>
  );
}
