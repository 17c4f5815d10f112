/**
 * React side of the registry: re-render on state changes, the one keydown handler, and the bridge to the
 * native menu (menu:command in, menu:state out).
 */
import { useEffect, useSyncExternalStore } from 'react';
import type { RendererApi } from '../../../shared/ipc';
import { isModalOpen } from '../ui/modal-state';
import type { AppCommands } from './app-commands';
import { commandForKey, type FocusedElement } from './shortcuts';

/** A number that changes whenever a command's state may have: read reasons in render after it. */
export function useCommandsVersion(commands: AppCommands): number {
  return useSyncExternalStore(
    (onChange) => {
      const listener = () => {
        version += 1;
        onChange();
      };
      return commands.subscribe(listener);
    },
    () => version,
  );
}
// One counter for every hook is enough: it only has to differ after a change.
let version = 0;

const CONTROL_ROLES = new Set(['button', 'menuitem', 'tab', 'checkbox', 'radio', 'switch', 'link', 'option']);

export function describeFocus(target: EventTarget | null): FocusedElement {
  if (!(target instanceof HTMLElement)) return { typing: false, control: false, table: false };
  const tag = target.tagName;
  const role = target.getAttribute('role');
  return {
    typing: tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable,
    control: tag === 'BUTTON' || tag === 'A' || tag === 'SUMMARY' || (role !== null && CONTROL_ROLES.has(role)),
    table: target.closest('.file-table-body') !== null,
  };
}

/** The app's one shortcut dispatcher. Nothing acts behind a dialog or an open menu. */
export function useCommandShortcuts(commands: AppCommands): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      // A handler nearer the focus (the table's keyboard model, a dialog) already took the key.
      if (event.defaultPrevented || isModalOpen()) return;
      const id = commandForKey(event, commands.mac, describeFocus(event.target));
      if (id === null) return;
      // The command owns its key even when it cannot run now (Ctrl+R must never reload the page).
      event.preventDefault();
      commands.run(id);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [commands]);
}

/** Runs native-menu clicks through the registry and keeps the native menu's greyed-out items current. */
export function useNativeMenu(api: Pick<RendererApi, 'onMenuCommand' | 'setMenuState'>, commands: AppCommands): void {
  useEffect(() => {
    const off = api.onMenuCommand(({ id }) => {
      if (!isModalOpen()) commands.run(id);
    });
    let last = '';
    let queued = false;
    const push = () => {
      queued = false;
      const disabled = commands.disabled();
      const text = disabled.join(',');
      if (text === last) return;
      last = text;
      // Best effort: a failed update leaves the menu as it was; its clicks still go through the registry's checks.
      void api.setMenuState({ disabled }).catch(() => undefined);
    };
    const unsubscribe = commands.subscribe(() => {
      if (queued) return;
      queued = true;
      queueMicrotask(push);
    });
    push();
    return () => {
      off();
      unsubscribe();
    };
  }, [api, commands]);
}
