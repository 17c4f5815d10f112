/**
 * Container: connects the browser store to the presentational components and owns the view-wide keyboard
 * shortcuts. No logic of its own beyond choosing which state to render.
 */
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { RendererApi } from '../../../../shared/ipc';
import { call, type CallResult } from '../../lib/call';
import type { FolderSize } from '../../../../shared/types';
import { AddressBar } from './AddressBar';
import { Breadcrumbs } from './Breadcrumbs';
import type { BrowserStore } from './browser-store';
import { BucketList } from './BucketList';
import { FileTable } from './FileTable';
import { FilterBox } from './FilterBox';
import { GridView } from './GridView';
import { InfoPanel } from './InfoPanel';
import { EmptyState, ErrorState, LoadingState } from './ListingMessage';
import { OpenBucketForm } from './OpenBucketForm';
import { addressOf, breadcrumbsOf, createSelectors, selectLoadingMore } from './selectors';
import { StatusBar } from './StatusBar';
import { Toolbar } from './Toolbar';
import { type ThumbnailWiring, useGridView } from './use-grid-view';
import { tableTransferHandlers, TransfersDock, type TransfersWiring, useDropHighlight } from '../transfers';
import type { AppCommands } from '../../commands/app-commands';

const NOT_IN_A_BUCKET: CallResult<FolderSize> = {
  ok: false,
  error: { code: 'InvalidInput', title: 'Not in a bucket', message: 'Open a bucket to calculate a folder’s size.', detail: '' },
};

function isTextInput(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable);
}

export function BrowserView({
  store,
  transfers,
  commands,
  onCloseConnection,
  statusEnd,
  folderSize,
  thumbnails,
  content,
  banner,
  onProperties,
}: {
  readonly store: BrowserStore;
  /** The app's command registry: the toolbar's buttons and the view's shortcuts. */
  readonly commands: AppCommands;
  readonly transfers?: TransfersWiring;
  readonly onCloseConnection: () => void;
  /** Shown at the status bar's far end (Activity, Settings). */
  readonly statusEnd?: ReactNode;
  /** The preload's folder-size call, for Info's "Calculate size". */
  readonly folderSize?: RendererApi['folderSize'];
  /** The grid view's thumbnails (setting and preview channel); without it the grid shows icons only. */
  readonly thumbnails?: ThumbnailWiring;
  /** Shown instead of the folder's table (View as of shows the past there, read-only). */
  readonly content?: ReactNode;
  /** A notice above the table (the read-only banner). */
  readonly banner?: ReactNode;
  /** Info's "Properties…": the Properties dialog of that object (absent: no button). */
  readonly onProperties?: (key: string) => void;
}) {
  const [selectors] = useState(createSelectors);
  const actions = store.getState();
  const connection = useStore(store, (s) => s.connection);
  const location = useStore(store, (s) => s.location);
  const listing = useStore(store, (s) => s.listing);
  const buckets = useStore(store, (s) => s.buckets);
  const sort = useStore(store, (s) => s.sort);
  const filter = useStore(store, (s) => s.filter);
  const selection = useStore(store, (s) => s.selection);
  const info = useStore(store, (s) => s.info);
  const viewStats = useStore(store, (s) => s.viewStats);
  const addressError = useStore(store, (s) => s.addressError);
  const loadingMore = useStore(store, selectLoadingMore);
  const visible = useStore(store, selectors.selectVisible);
  const summary = useStore(store, selectors.selectSummary);
  const [showOpenBucket, setShowOpenBucket] = useState(false);
  const gridPlace = connection && location.bucket !== null ? { connectionId: connection.id, bucket: location.bucket, prefix: location.prefix } : null;
  const gridView = useGridView(store, commands, gridPlace, thumbnails);

  const addressRef = useRef<HTMLInputElement>(null);
  const filterRef = useRef<HTMLInputElement>(null);
  const tableRef = useRef<HTMLDivElement>(null);
  // Transfers: drop files onto the table / a folder row, drag rows out, download the selection.
  const transferHandlers = useMemo(() => {
    if (!transfers) return {};
    return tableTransferHandlers({
      ...transfers,
      location: () => {
        const s = store.getState();
        return s.connection && s.location.bucket !== null ? { connectionId: s.connection.id, bucket: s.location.bucket, prefix: s.location.prefix } : null;
      },
      selectedKeys: () => [...store.getState().selection.selected],
      sizeOf: (key) => {
        const row = store.getState().listing.rows.find((r) => r.key === key);
        return row?.entry.kind === 'object' ? row.entry.size : undefined;
      },
    });
  }, [transfers, store]);
  const uploadHere = (folders: boolean) => {
    const s = store.getState();
    if (!transfers || !s.connection || s.location.bucket === null) return;
    void transfers.store.getState().pickAndUpload({ connectionId: s.connection.id, bucket: s.location.bucket, prefix: s.location.prefix }, folders);
  };
  const calculateSize = (run: RendererApi['folderSize'], prefix: string) => {
    const { connection: c, location: here } = store.getState();
    if (!c || here.bucket === null) return Promise.resolve(NOT_IN_A_BUCKET);
    const bucket = here.bucket;
    return call(() => run({ connectionId: c.id, bucket, prefix }));
  };
  // Drop feedback: the folder row or the table under a file drag, and where the drop would upload.
  const drop = useDropHighlight(() => {
    const s = store.getState();
    return transfers && s.location.bucket !== null && s.listing.status !== 'error' ? { bucket: s.location.bucket, prefix: s.location.prefix } : null;
  }, transferHandlers);
  const focusTable = () => tableRef.current?.querySelector<HTMLElement>('[data-testid="file-table-body"], [data-testid="grid-view"]')?.focus();

  useEffect(() => store.getState().start(), [store]);

  // After a navigation, put the keyboard in the table so arrows, Enter and Backspace work right away, unless
  // the user navigated from the shell's sidebar tree or tab strip: the keyboard stays where they are working.
  useEffect(() => {
    const shellChrome = document.activeElement?.closest('[role="tree"], [role="tablist"]');
    if (listing.status === 'ready' && !isTextInput(document.activeElement) && !shellChrome) focusTable();
  }, [location, listing.status]);

  // Ctrl+L / Ctrl+F (the command registry's shortcuts) put the keyboard in these fields.
  useEffect(() => {
    commands.setFocusTarget('address', () => addressRef.current?.focus());
    commands.setFocusTarget('filter', () => filterRef.current?.focus());
    return () => {
      commands.setFocusTarget('address', null);
      commands.setFocusTarget('filter', null);
    };
  }, [commands]);

  const inBucket = location.bucket !== null;

  function body() {
    if (inBucket && content !== undefined && content !== null) return content;
    if (!inBucket) {
      if (buckets.status === 'error' && buckets.error) {
        return (
          <div className="state-stack">
            <ErrorState error={buckets.error} onRetry={() => void actions.retry()} />
            <div className="state-hint">Or open a bucket you know by name:</div>
            <OpenBucketForm onOpen={(name) => void actions.openBucket(name)} />
          </div>
        );
      }
      if (buckets.status !== 'ready') return <LoadingState />;
      return <BucketList buckets={buckets.buckets} onOpen={(name) => void actions.openBucket(name)} />;
    }
    if (listing.status === 'error' && listing.error) return <ErrorState error={listing.error} onRetry={() => void actions.retry()} />;
    if (listing.status !== 'ready') return <LoadingState />;
    if (listing.rows.length === 0 && listing.complete) return <EmptyState filtered={false} onUpload={transfers ? () => uploadHere(false) : undefined} />;
    const gridProps = {
      label: `Contents of ${addressOf(location)}`,
      rows: visible.rows,
      keys: visible.keys,
      selection,
      onClick: (index: number, mods: Parameters<typeof actions.click>[2]) => actions.click(visible.keys, index, mods),
      onOpen: (key: string) => commands.openKey(key),
      onMove: (delta: number, mods: Parameters<typeof actions.move>[2]) => actions.move(visible.keys, delta, mods),
      onSelectAll: () => actions.selectAll(visible.keys),
      onClearSelection: actions.clearSelection,
    };
    if (gridView.grid) {
      return (
        <>
          <GridView {...gridProps} thumbnails={gridView.loader} />
          {visible.rows.length === 0 ? <EmptyState filtered /> : null}
        </>
      );
    }
    return (
      <>
        <FileTable
          label={`Contents of ${addressOf(location)}`}
          rows={visible.rows}
          keys={visible.keys}
          selection={selection}
          sort={sort}
          onSort={actions.setSort}
          onClick={(index, mods) => actions.click(visible.keys, index, mods)}
          onOpen={(key) => commands.openKey(key)}
          onMove={(delta, mods) => actions.move(visible.keys, delta, mods)}
          onToggleFocused={actions.toggleFocused}
          onSelectAll={() => actions.selectAll(visible.keys)}
          onClearSelection={actions.clearSelection}
          onTypeChar={(char) => {
            actions.setFilter(filter + char);
            filterRef.current?.focus();
          }}
        />
        {visible.rows.length === 0 ? <EmptyState filtered /> : null}
      </>
    );
  }

  return (
    <div className="browser" data-testid="browser" data-status={inBucket ? listing.status : buckets.status} data-complete={String(listing.complete)}>
      <Toolbar
        commands={commands}
        busy={listing.reloading || loadingMore}
        trailing={
          <>
            <button type="button" onClick={() => setShowOpenBucket((v) => !v)} data-testid="open-bucket-toggle">
              Open bucket…
            </button>
            <span className="connection-chip" title={`${connection?.name ?? ''} · ${connection?.endpoint ?? 'AWS'}`} data-testid="connection-name">
              {connection?.name}
            </span>
            <button type="button" onClick={onCloseConnection} title="Back to the connections" data-testid="close-connection">
              Connections
            </button>
          </>
        }
      >
        <AddressBar
          key={addressOf(location)}
          address={addressOf(location)}
          error={addressError}
          inputRef={addressRef}
          onSubmit={(text) => {
            void actions.goToAddress(text).then((ok) => {
              if (ok) focusTable();
            });
          }}
          onEdit={actions.clearAddressError}
          onDone={focusTable}
        />
        {inBucket ? <FilterBox value={filter} inputRef={filterRef} onChange={actions.setFilter} onDone={focusTable} /> : null}
      </Toolbar>
      {showOpenBucket ? (
        <div className="open-bucket-bar">
          <OpenBucketForm
            autoFocus
            onOpen={(name) => {
              setShowOpenBucket(false);
              void actions.openBucket(name);
            }}
          />
        </div>
      ) : null}
      <Breadcrumbs crumbs={breadcrumbsOf(location)} onNavigate={(target) => void actions.navigate(target)} />
      {inBucket ? banner : null}
      <div className="browser-main">
        <div className="browser-content" ref={tableRef} {...drop.handlers} data-drop-active={drop.label === null ? undefined : ''}>
          {drop.label !== null ? (
            <div className="drop-banner" role="status" data-testid="drop-banner">
              {drop.label}
            </div>
          ) : null}
          {body()}
        </div>
        <InfoPanel
          info={info}
          onClose={actions.closeInfo}
          onLoadHead={() => void actions.loadHead()}
          onCalculateSize={folderSize ? (prefix) => calculateSize(folderSize, prefix) : undefined}
          onProperties={onProperties}
        />
      </div>
      {/* Transfers dock above the status bar, as desktop file managers do. */}
      {transfers ? <TransfersDock
          store={transfers.store}
          incomplete={transfers.incomplete}
          uploadOptions={transfers.uploadOptions}
          incompleteCommand={{ reason: commands.reason('incomplete-uploads'), run: () => void commands.run('incomplete-uploads') }}
        /> : null}
      <StatusBar
        summary={inBucket && listing.status === 'ready' ? summary : null}
        loadingMore={inBucket && loadingMore}
        pages={listing.pages}
        visibleCount={inBucket && filter !== '' ? visible.rows.length : null}
        stats={viewStats}
        thumbnailRequests={inBucket ? gridView.thumbnailRequests : null}
        end={statusEnd}
      />
    </div>
  );
}
