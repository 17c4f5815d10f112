/**
 * Wires the operations feature to the file browser: a right-click in the file list opens the context menu
 * for the row under the pointer (selecting it first, as file managers do; on the background it clears the
 * selection), and the menu's items run through the command registry on that selection. Rendered next to the
 * browser, not around it, so it takes no part in the browser's layout.
 */
import { useCallback, useEffect, useState } from 'react';
import { type BrowserStore, createSelectors } from '../browser';
import { rowOf } from '../../lib/row-element';
import type { CommandId } from '../../../../shared/commands';
import type { AppCommands } from '../../commands/app-commands';
import { isModalOpen } from '../../ui/modal-state';
import { browserTarget } from './browser-target';
import type { OperationsStore } from './operations-store';
import { OperationsLayer } from './OperationsLayer';

export interface BrowserOperationsProps {
  readonly browser: BrowserStore;
  readonly ops: OperationsStore;
  readonly commands: AppCommands;
  /** Commands whose feature is not wired in (no transfers: no Download/Upload items). */
  readonly omit?: ReadonlySet<CommandId>;
}

export function BrowserOperations({ browser, ops, commands, omit }: BrowserOperationsProps) {
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
    <OperationsLayer store={ops} target={target} commands={commands} {...(omit ? { omit } : {})} />
  );
}
