import { useState } from 'react';
import { useStore } from 'zustand';
import type { RendererApi } from '../../shared/ipc';
import { createAppCommands } from './commands/app-commands';
import { useCommandShortcuts, useNativeMenu } from './commands/use-commands';
import { BrowserView, createBrowserStore } from './features/browser';
import { createConnectionDialogStore, createStartScreenStore, StartScreen } from './features/connections';
import { BrowserOperations, createOperationsStore } from './features/operations';
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
  // One registry for the toolbar, context menus, shortcuts and the native menu.
  const [commands] = useState(() => createAppCommands({ browser, ops, transfers, mac: /Mac/i.test(navigator.platform) }));
  useCommandShortcuts(commands);
  useNativeMenu(api, commands);
  const connection = useStore(browser, (s) => s.connection);

  return (
    <div className="app" data-testid="app">
      {connection === null ? (
        <StartScreen store={start} dialog={dialog} onOpen={(c, bucket) => void browser.getState().openConnection(c, bucket)} />
      ) : (
        <BrowserView store={browser} transfers={transfers} commands={commands} onCloseConnection={() => browser.getState().closeConnection()} />
      )}
      {connection !== null && (
        <BrowserOperations browser={browser} ops={ops} commands={commands} />
      )}
    </div>
  );
}
