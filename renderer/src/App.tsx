import { useState } from 'react';
import { useStore } from 'zustand';
import type { RendererApi } from '../../shared/ipc';
import { createBrowserStore } from './features/browser/browser-store';
import { BrowserView } from './features/browser/BrowserView';
import { createStartScreenStore } from './features/connections/start-screen-store';
import { StartScreen } from './features/connections/StartScreen';
import { BrowserOperations } from './features/operations/BrowserOperations';
import { createOperationsStore } from './features/operations/operations-store';

const isMac = typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform);

/** The app shell: the start screen until a connection is open, then the browser. */
export function App({ api }: { readonly api: RendererApi }) {
  const [browser] = useState(() => createBrowserStore(api));
  const [start] = useState(() => createStartScreenStore(api));
  const [ops] = useState(() => createOperationsStore(api, { writeClipboard: (text) => navigator.clipboard.writeText(text) }));
  const connection = useStore(browser, (s) => s.connection);

  return (
    <div className="app" data-testid="app">
      {connection === null ? (
        <StartScreen store={start} onOpen={(c, bucket) => void browser.getState().openConnection(c, bucket)} />
      ) : (
        <BrowserOperations browser={browser} ops={ops} mac={isMac}>
          <BrowserView store={browser} onCloseConnection={() => browser.getState().closeConnection()} />
        </BrowserOperations>
      )}
    </div>
  );
}
