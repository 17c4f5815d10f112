import { useState } from 'react';
import { useStore } from 'zustand';
import { BrowserOperations } from './features/operations/BrowserOperations';
import { createOperationsStore } from './features/operations/operations-store';
import type { RendererApi } from '../../shared/ipc';
import { createBrowserStore } from './features/browser/browser-store';
import { BrowserView } from './features/browser/BrowserView';
import { createConnectionDialogStore } from './features/connections/connection-dialog-store';
import { createStartScreenStore } from './features/connections/start-screen-store';
import { createSignInStore } from './features/connections/sign-in-store';
import { SignInDialogs } from './features/connections/SignInDialogs';
import { StartScreen } from './features/connections/StartScreen';
import { createTransfersWiring } from './features/transfers/wiring';

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
        <BrowserOperations
          browser={browser}
          ops={ops}
          onDownload={(keys) => {
            const { connection: c, location } = browser.getState();
            if (!c || location.bucket === null || keys.length === 0) return;
            const items = keys.map((key) => ({ key, kind: key.endsWith('/') ? ('folder' as const) : ('object' as const) }));
            void transfers.store.getState().download({ connectionId: c.id, bucket: location.bucket }, items);
          }}
        />
      )}
    </div>
  );
}
