/**
 * Wires the operations feature to the file browser: the browser's location and selection are the target of
 * every shortcut and menu command, a right-click in the file list opens the operations menu for the row under
 * the pointer (selecting it first, as file managers do; on the background it clears the selection), and "Info" opens the browser's own info panel with
 * its headers. Rendered next to the browser, not around it, so it takes no part in the browser's layout.
 */
import { useCallback, useEffect, useState } from 'react';
import { type BrowserStore, createSelectors } from '../browser';
import { rowOf } from '../../lib/row-element';
import { isModalOpen } from '../../ui/modal-state';
import { browserTarget } from './browser-target';
import type { OperationsStore } from './operations-store';
import { OperationsLayer } from './OperationsLayer';

const isMacPlatform = () => typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform);

export interface BrowserOperationsProps {
  readonly browser: BrowserStore;
  readonly ops: OperationsStore;
  readonly mac?: boolean;
  readonly onDownload?: (keys: readonly string[]) => void;
  /** Upload into the shown folder (the background menu's Upload files…/folder…). */
  readonly onUpload?: (folders: boolean) => void;
}

export function BrowserOperations({ browser, ops, mac = isMacPlatform(), onDownload, onUpload }: BrowserOperationsProps) {
  const [selectors] = useState(createSelectors);
  const visibleKeys = useCallback(() => selectors.selectVisible(browser.getState()).keys, [browser, selectors]);
  const target = useCallback(() => browserTarget(browser, visibleKeys), [browser, visibleKeys]);

  useEffect(() => {
    const onContextMenu = (e: MouseEvent) => {
      const t = target();
      const element = e.target instanceof Element ? e.target : null;
      if (!t.place || isModalOpen() || !element?.closest('.browser-content')) return;
      e.preventDefault();
      const key = rowOf(element)?.key;
      let keys: readonly string[] = [];
      if (key !== undefined) {
        if (t.selected.includes(key)) keys = t.selected;
        else {
          const order = visibleKeys();
          browser.getState().click(order, order.indexOf(key));
          keys = [key];
        }
      } else {
        // The background: the menu acts on the folder, so nothing may stay selected behind it.
        browser.getState().clearSelection();
      }
      ops.getState().openMenu(e.clientX, e.clientY, keys);
    };
    window.addEventListener('contextmenu', onContextMenu);
    return () => window.removeEventListener('contextmenu', onContextMenu);
  }, [browser, ops, target, visibleKeys]);

  return (
    <OperationsLayer
      store={ops}
      target={target}
      mac={mac}
      {...(onDownload ? { onDownload } : {})}
      {...(onUpload ? { onUpload } : {})}
      onRefresh={() => void browser.getState().refresh()}
      onInfo={(key) => {
        const b = browser.getState();
        void b.showInfo(key).then(() => b.loadHead());
      }}
    />
  );
}
