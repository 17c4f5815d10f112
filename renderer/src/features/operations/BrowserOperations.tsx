/**
 * Wires the operations feature to the file browser: the browser's location and selection are the target of
 * every shortcut and menu command, a right-click opens the operations menu for the row under the pointer
 * (selecting it first, as file managers do), and "Info" opens the browser's own info panel with its headers.
 */
import { type ReactNode, useCallback, useState } from 'react';
import type { BrowserStore } from '../browser/browser-store';
import { createSelectors } from '../browser/selectors';
import { browserTarget } from './browser-target';
import type { OperationsStore } from './operations-store';
import { OperationsLayer } from './OperationsLayer';

export interface BrowserOperationsProps {
  readonly browser: BrowserStore;
  readonly ops: OperationsStore;
  readonly mac: boolean;
  readonly children: ReactNode;
}

export function BrowserOperations({ browser, ops, mac, children }: BrowserOperationsProps) {
  const [selectors] = useState(createSelectors);
  const visibleKeys = useCallback(() => selectors.selectVisible(browser.getState()).keys, [browser, selectors]);
  const target = useCallback(() => browserTarget(browser, visibleKeys), [browser, visibleKeys]);
  return (
    <div
      className="ops-host"
      onContextMenu={(e) => {
        const t = target();
        if (!t.place) return;
        const inTable = (e.target as HTMLElement).closest('[data-testid="file-table"], .browser-content');
        if (!inTable) return;
        e.preventDefault();
        const row = (e.target as HTMLElement).closest<HTMLElement>('[data-testid="row"]');
        const key = row?.dataset['key'];
        let keys: readonly string[] = [];
        if (key !== undefined) {
          if (t.selected.includes(key)) keys = t.selected;
          else {
            const order = visibleKeys();
            browser.getState().click(order, order.indexOf(key));
            keys = [key];
          }
        }
        ops.getState().openMenu(e.clientX, e.clientY, keys);
      }}
    >
      {children}
      <OperationsLayer
        store={ops}
        target={target}
        mac={mac}
        onInfo={(key) => {
          const b = browser.getState();
          void b.showInfo(key).then(() => b.loadHead());
        }}
      />
    </div>
  );
}
