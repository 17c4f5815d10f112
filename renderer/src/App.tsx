import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { RendererApi } from '../../shared/ipc';
import { createAppCommands } from './commands/app-commands';
import { useCommandShortcuts, useNativeMenu } from './commands/use-commands';
import { BrowserView, type BrowserStore, createBrowserStore, createSelectors } from './features/browser';
import {
  createConnectionDialogStore,
  createSignInStore,
  createStartScreenStore,
  SignInDialogs,
  type SignInStore,
  StartScreen,
} from './features/connections';
import { BrowserOperations, createOperationsStore } from './features/operations';
import { AppShell, createShellStore, type ShellStore } from './features/shell';
import { createSearchStore, type SearchStore, SearchLayer } from './features/search';
import { ActivityButton, type ActivityStore, createActivityStore, followOperations, followTransfers } from './features/activity';
import { createSettingsStore, SettingsButton, SettingsLayer, type SettingsStore } from './features/settings';
import { createPriceTablesStore, PriceTablesDialog } from './features/cost';
import { createSyncStore, SyncDialog, SyncLauncher, type SyncStore } from './features/sync';
import { createTransfersWiring } from './features/transfers';
import { createPropertiesStore, PropertiesLayer } from './features/properties';
import { BucketDialogs, createBucketsStore } from './features/buckets';
import { AsOfBanner, AsOfTable, createVersionsWiring, followBrowser, VersionsLayer, VersionsStatus, type VersionsWiring } from './features/versions';
import { createEditsStore, createPreviewStore, EditConflictDialog, EditsButton, type EditsStore, PreviewPane, type PreviewStore } from './features/preview';

type Transfers = ReturnType<typeof createTransfersWiring>;

/** One tab's content: the start screen while it has no connection (an empty tab), then the browser. */
function TabContent(props: {
  readonly browser: BrowserStore;
  readonly shell: ShellStore;
  readonly start: ReturnType<typeof createStartScreenStore>;
  readonly dialog: ReturnType<typeof createConnectionDialogStore>;
  readonly ops: ReturnType<typeof createOperationsStore>;
  readonly transfers: Transfers;
  readonly signIn: SignInStore;
  readonly search: SearchStore;
  readonly api: RendererApi;
  readonly activity: ActivityStore;
  readonly settings: SettingsStore;
  readonly sync: SyncStore;
  readonly versions: VersionsWiring;
  readonly edits: EditsStore;
}) {
  const { browser, shell, start, dialog, ops, transfers, signIn, search, api, activity, settings, sync, versions, edits } = props;
  const connection = useStore(browser, (s) => s.connection);
  if (connection === null) {
    return (
      <StartScreen
        store={start}
        dialog={dialog}
        onOpen={(c, bucket) => void shell.getState().openConnection(c, bucket)}
        // After the browser sign-in ends, test again: the dialog then shows whether the profile works.
        onSignIn={(profile) => void signIn.getState().signInSso(profile).then(() => dialog.getState().runTest())}
      />
    );
  }
  return <TabBrowser {...{ browser, ops, transfers, search, api, activity, settings, sync, versions, edits }} />;
}

/**
 * A tab's browser with its own command registry: only the shown tab is mounted (AppShell), so the toolbar,
 * context menus, shortcuts and the native menu always act on the tab the user sees.
 */
function TabBrowser(props: {
  readonly browser: BrowserStore;
  readonly ops: ReturnType<typeof createOperationsStore>;
  readonly transfers: Transfers;
  readonly search: SearchStore;
  readonly api: RendererApi;
  readonly activity: ActivityStore;
  readonly settings: SettingsStore;
  readonly sync: SyncStore;
  readonly versions: VersionsWiring;
  readonly edits: EditsStore;
}) {
  const { browser, ops, transfers, search, api, activity, settings, sync, versions, edits } = props;
  const connection = useStore(browser, (s) => s.connection);
  const location = useStore(browser, (s) => s.location);
  const asOf = useStore(versions.recovery, (s) => s.asOf !== null);
  const thumbnailsOn = useStore(settings, (s) => s.settings?.thumbnails ?? false);
  const [preview] = useState<PreviewStore>(() => createPreviewStore(api));
  const [properties] = useState(() =>
    createPropertiesStore(api, {
      // Main already dropped what it held about the changed objects; an open Info panel reads its headers again.
      onChanged: (_place, keys) => {
        const b = browser.getState();
        const key = b.info.key;
        const hadHead = b.info.headStatus !== 'idle';
        if (key !== null && keys.includes(key)) void b.showInfo(key).then(() => (hadHead ? browser.getState().loadHead() : undefined));
      },
    }),
  );
  const [buckets] = useState(() =>
    createBucketsStore(api, {
      // The bucket list is never cached: showing it again lists it afresh. A new bucket opens.
      onCreated: (_c, name) => void browser.getState().openBucket(name),
      onDeleted: () => void browser.getState().navigate({ bucket: null, prefix: '' }),
      // The status bar and the Versions commands know the state too: they ask again.
      onVersioningChanged: (connectionId, bucket) => void versions.versioning.getState().ensureState({ connectionId, bucket }, true),
    }),
  );
  const [commands] = useState(() => createAppCommands({ browser, ops, transfers, versions, preview, properties, buckets, sync, mac: /Mac/i.test(navigator.platform) }));
  useEffect(() => followBrowser(browser, versions), [browser, versions]);
  const place = connection && location.bucket !== null ? { connectionId: connection.id, bucket: location.bucket, prefix: location.prefix } : null;
  /** The open bucket of this tab, or null on the bucket list. */
  const openPlace = () => {
    const { connection: c, location: here } = browser.getState();
    return c && here.bucket !== null ? { connectionId: c.id, bucket: here.bucket } : null;
  };
  /** One version of a key in a place (null: the current one, under its own name). */
  const downloadAt = (at: { connectionId: string; bucket: string }, key: string, versionId: string | null) =>
    void transfers.store.getState().download(at, [{ key, kind: 'object', ...(versionId ? { versionId } : {}) }]);
  const downloadKeys = (keys: readonly string[]) => {
    const at = openPlace();
    if (at) void transfers.store.getState().download(at, keys.map((key) => ({ key, kind: 'object' as const })));
  };
  /** One version of one key (null: the current one, under its own name), from the versions panel or View as of. */
  const downloadVersion = (key: string, versionId: string | null) => {
    const at = openPlace();
    if (at) downloadAt(at, key, versionId);
  };
  const [selectors] = useState(() => createSelectors());
  useEffect(() => () => preview.getState().close(), [preview]);
  // ←/→ in the pane: the previous or next file of the table (folders skipped), selected as the pane shows it.
  const step = (delta: -1 | 1) => {
    const b = browser.getState();
    const shown = preview.getState().shown;
    if (!shown || !b.connection || b.location.bucket === null) return;
    const keys = selectors.selectVisible(b).keys;
    let i = keys.indexOf(shown.key);
    do i += delta;
    while (i >= 0 && i < keys.length && (keys[i] as string).endsWith('/'));
    if (i < 0 || i >= keys.length) return;
    b.click(keys, i);
    void preview.getState().open({ connectionId: b.connection.id, bucket: b.location.bucket }, keys[i] as string);
  };
  useCommandShortcuts(commands);
  useNativeMenu(api, commands);
  // Settings (Ctrl/Cmd+, and the app menu) opens the settings dialog through the registry.
  useEffect(() => commands.host('settings', () => settings.getState().setOpen(true)), [commands, settings]);
  return (
    <>
      <BrowserView
        store={browser}
        transfers={transfers}
        commands={commands}
        onCloseConnection={() => browser.getState().closeConnection()}
        folderSize={api.folderSize}
        thumbnails={{ enabled: thumbnailsOn, preview: api.previewObject }}
        onProperties={(key) => {
          if (place) void properties.getState().open(place, [key]);
        }}
        banner={<AsOfBanner store={versions.recovery} onRestore={() => void commands.run('restore-folder')} />}
        content={asOf ? <AsOfTable store={versions.recovery} onOpenFolder={(key) => void browser.getState().openEntry(key)} onDownload={downloadVersion} /> : undefined}
        statusEnd={
          <>
            {/* In the status bar, not floating over the window: at 720 px a fixed button covered the transfers. */}
            <SearchLayer
              browser={browser}
              search={search}
              onDownload={downloadKeys}
              onDelete={(keys) => {
                const { connection: c, location } = browser.getState();
                if (c && location.bucket !== null) void ops.getState().requestDelete({ connectionId: c.id, bucket: location.bucket, keys });
              }}
            />
            <VersionsStatus wiring={versions} place={place} />
            <EditsButton store={edits} />
            <ActivityButton store={activity} />
            <SettingsButton store={settings} />
          </>
        }
      />
      {connection ? (
        <SyncLauncher
          store={sync}
          right={location.bucket !== null ? { kind: 's3', connectionId: connection.id, bucket: location.bucket, prefix: location.prefix } : null}
        />
      ) : null}
      <SyncDialog store={sync} />
      <BrowserOperations browser={browser} ops={ops} commands={commands} />
      <VersionsLayer
        wiring={versions}
        onDownload={downloadVersion}
        onView={(key, version) => {
          const at = openPlace();
          if (at) void preview.getState().open(at, key, version ?? undefined);
        }}
      />
      <PreviewPane
        store={preview}
        onStep={step}
        onDownload={(key, versionId) => {
          const shown = preview.getState().shown;
          if (shown) downloadAt(shown.place, key, versionId);
        }}
      />
      <PropertiesLayer store={properties} />
      <BucketDialogs store={buckets} />
    </>
  );
}

/** The app: the shell (sidebar, tabs, title) around each tab's start screen or browser. */
export function App({ api }: { readonly api: RendererApi }) {
  const [ops] = useState(() => createOperationsStore(api, { writeClipboard: (text) => navigator.clipboard.writeText(text) }));
  const [shell] = useState(() => createShellStore(api, { createBrowser: () => createBrowserStore(api) }));
  const [start] = useState(() => createStartScreenStore(api));
  const [settings] = useState(() => createSettingsStore(api));
  const [prices] = useState(() => createPriceTablesStore(api));
  const [activity] = useState(() => createActivityStore());
  useEffect(() => followOperations(ops, activity), [ops, activity]);
  useEffect(() => followTransfers(api, activity), [api, activity]);
  const [transfers] = useState(() => createTransfersWiring(api, { conflictPolicy: () => settings.getState().settings?.conflict ?? 'ask' }));
  const [sync] = useState(() => createSyncStore(api));
  // Edit sessions outlive tabs (an editor stays open while the user browses elsewhere).
  const [edits] = useState(() => createEditsStore(api));
  useEffect(() => edits.getState().start(), [edits]);
  const [dialog] = useState(() =>
    createConnectionDialogStore(api, {
      onSaved: () => {
        void start.getState().load();
        void shell.getState().reloadConnections();
      },
      onDeleted: () => {
        void start.getState().load();
        void shell.getState().reloadConnections();
      },
    }),
  );
  const [signIn] = useState(() => createSignInStore(api));
  // One search store for the app: a bucket's index and its last query outlive switching tabs.
  const [search] = useState(() => createSearchStore(api));
  // Versions state per tab (Show deleted, View as of), kept while another tab is shown.
  const [versionsOf] = useState(() => {
    const byTab = new WeakMap<BrowserStore, VersionsWiring>();
    return (browser: BrowserStore) => {
      let wiring = byTab.get(browser);
      if (!wiring) byTab.set(browser, (wiring = createVersionsWiring(api, { writeClipboard: (text) => navigator.clipboard.writeText(text) })));
      return wiring;
    };
  });

  return (
    <div className="app" data-testid="app">
      <AppShell shell={shell}>
        {(browser, tabId) => (
          <TabContent key={tabId} {...{ browser, shell, start, dialog, ops, transfers, signIn, search, api, activity, settings, sync, edits }} versions={versionsOf(browser)} />
        )}
      </AppShell>
      {/* After the shell, so a sign-in prompt stacks above a dialog that asked for it (the connection test). */}
      <SettingsLayer store={settings} onOpenPrices={() => void prices.getState().show()} />
      <PriceTablesDialog store={prices} />
      <EditConflictDialog store={edits} />
      <SignInDialogs store={signIn} />
    </div>
  );
}
