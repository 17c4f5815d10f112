import { useState } from 'react';
import { useStore } from 'zustand';
import type { RendererApi } from '../../shared/ipc';
import { BrowserView, type BrowserStore, createBrowserStore } from './features/browser';
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
import { createSyncStore, SyncDialog, SyncLauncher, type SyncStore } from './features/sync';
import { createTransfersWiring } from './features/transfers';

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
  readonly sync: SyncStore;
}) {
  const { browser, shell, start, dialog, ops, transfers, signIn, sync } = props;
  const connection = useStore(browser, (s) => s.connection);
  const location = useStore(browser, (s) => s.location);
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
  return (
    <>
      <BrowserView store={browser} transfers={transfers} onCloseConnection={() => browser.getState().closeConnection()} />
      <SyncLauncher
        store={sync}
        right={location.bucket !== null ? { kind: 's3', connectionId: connection.id, bucket: location.bucket, prefix: location.prefix } : null}
      />
      <SyncDialog store={sync} />
      <BrowserOperations
        browser={browser}
        ops={ops}
        onDownload={(keys) => {
          const { connection: c, location } = browser.getState();
          if (!c || location.bucket === null || keys.length === 0) return;
          const items = keys.map((key) => ({ key, kind: key.endsWith('/') ? ('folder' as const) : ('object' as const) }));
          void transfers.store.getState().download({ connectionId: c.id, bucket: location.bucket }, items);
        }}
        onUpload={(folders) => {
          const { connection: c, location } = browser.getState();
          if (!c || location.bucket === null) return;
          void transfers.store.getState().pickAndUpload({ connectionId: c.id, bucket: location.bucket, prefix: location.prefix }, folders);
        }}
      />
    </>
  );
}

/** The app: the shell (sidebar, tabs, title) around each tab's start screen or browser. */
export function App({ api }: { readonly api: RendererApi }) {
  const [ops] = useState(() => createOperationsStore(api, { writeClipboard: (text) => navigator.clipboard.writeText(text) }));
  const [shell] = useState(() => createShellStore(api, { createBrowser: () => createBrowserStore(api) }));
  const [start] = useState(() => createStartScreenStore(api));
  const [transfers] = useState(() => createTransfersWiring(api));
  const [sync] = useState(() => createSyncStore(api));
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

  return (
    <div className="app" data-testid="app">
      <AppShell shell={shell}>
        {(browser, tabId) => (
          <TabContent key={tabId} browser={browser} shell={shell} start={start} dialog={dialog} ops={ops} transfers={transfers} signIn={signIn} sync={sync} />
        )}
      </AppShell>
      {/* After the shell, so a sign-in prompt stacks above a dialog that asked for it (the connection test). */}
      <SignInDialogs store={signIn} />
    </div>
  );
}
