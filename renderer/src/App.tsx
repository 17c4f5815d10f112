import { useState } from 'react';
import { useStore } from 'zustand';
import type { RendererApi } from '../../shared/ipc';
import { BrowserView, createBrowserStore } from './features/browser';
import { createConnectionDialogStore, createSignInStore, createStartScreenStore, SignInDialogs, StartScreen } from './features/connections';
import { BrowserOperations, createOperationsStore } from './features/operations';
import { createSearchStore, SearchLayer } from './features/search';
import { createTransfersWiring } from './features/transfers';

/** The app shell: the start screen until a connection is open, then the browser. */
export function App({ api }: { readonly api: RendererApi }) {
  const [ops] = useState(() => createOperationsStore(api, { writeClipboard: (text) => navigator.clipboard.writeText(text) }));
  const [browser] = useState(() => createBrowserStore(api));
  const [start] = useState(() => createStartScreenStore(api));
  const [transfers] = useState(() => createTransfersWiring(api));
  const [dialog] = useState(() =>
    createConnectionDialogStore(api, {
      onSaved: () => void start.getState().load(),
      onDeleted: () => void start.getState().load(),
    }),
  );
  const [signIn] = useState(() => createSignInStore(api));
  const [search] = useState(() => createSearchStore(api));
  const connection = useStore(browser, (s) => s.connection);

  return (
    <div className="app" data-testid="app">
      <SignInDialogs store={signIn} />
      {connection === null ? (
        <StartScreen
          store={start}
          dialog={dialog}
          onOpen={(c, bucket) => void browser.getState().openConnection(c, bucket)}
          // After the browser sign-in ends, test again: the dialog then shows whether the profile works.
          onSignIn={(profile) => void signIn.getState().signInSso(profile).then(() => dialog.getState().runTest())}
        />
      ) : (
        <BrowserView store={browser} transfers={transfers} onCloseConnection={() => browser.getState().closeConnection()} />
      )}
      {connection !== null && (
        <SearchLayer
          browser={browser}
          search={search}
          onDownload={(keys) => {
            const { connection: c, location } = browser.getState();
            if (c && location.bucket !== null) void transfers.store.getState().download({ connectionId: c.id, bucket: location.bucket }, keys.map((key) => ({ key, kind: 'object' as const })));
          }}
          onDelete={(keys) => {
            const { connection: c, location } = browser.getState();
            if (c && location.bucket !== null) void ops.getState().requestDelete({ connectionId: c.id, bucket: location.bucket, keys });
          }}
        />
      )}
      {connection !== null && (
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
      )}
    </div>
  );
}
