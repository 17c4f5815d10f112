import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { RendererApi } from '../../shared/ipc';
import { BrowserView, createBrowserStore } from './features/browser';
import { createConnectionDialogStore, createStartScreenStore, StartScreen } from './features/connections';
import { BrowserOperations, createOperationsStore } from './features/operations';
import { ActivityButton, createActivityStore, followOperations, followTransfers } from './features/activity';
import { createSettingsStore, SettingsButton, SettingsLayer } from './features/settings';
import { createTransfersWiring } from './features/transfers';

/** The app shell: the start screen until a connection is open, then the browser. */
export function App({ api }: { readonly api: RendererApi }) {
  const [ops] = useState(() => createOperationsStore(api, { writeClipboard: (text) => navigator.clipboard.writeText(text) }));
  const [browser] = useState(() => createBrowserStore(api));
  const [start] = useState(() => createStartScreenStore(api));
  const [settings] = useState(() => createSettingsStore(api));
  const [activity] = useState(() => createActivityStore());
  useEffect(() => followOperations(ops, activity), [ops, activity]);
  useEffect(() => followTransfers(api, activity), [api, activity]);
  const [transfers] = useState(() => createTransfersWiring(api, { conflictPolicy: () => settings.getState().settings?.conflict ?? 'ask' }));
  const [dialog] = useState(() =>
    createConnectionDialogStore(api, {
      onSaved: () => void start.getState().load(),
      onDeleted: () => void start.getState().load(),
    }),
  );
  const connection = useStore(browser, (s) => s.connection);

  return (
    <div className="app" data-testid="app">
      {connection === null ? (
        <StartScreen store={start} dialog={dialog} onOpen={(c, bucket) => void browser.getState().openConnection(c, bucket)} />
      ) : (
        <BrowserView
          store={browser}
          transfers={transfers}
          onCloseConnection={() => browser.getState().closeConnection()}
          folderSize={api.folderSize}
          statusEnd={
            <>
              <ActivityButton store={activity} />
              <SettingsButton store={settings} />
            </>
          }
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
        />
      )}
      <SettingsLayer store={settings} />
    </div>
  );
}
