/** Window-wide shell keys. None acts while a dialog is open (the page behind a dialog must stay inert). */
import { useEffect } from 'react';
import { shellCommandFor } from './shell-shortcuts';
import type { ShellStore } from './shell-store';

const isMac = () => typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform);

export function useShellShortcuts(shell: ShellStore, toggleSidebar: () => void): void {
  useEffect(() => {
    const mac = isMac();
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      if (document.querySelector('[role="dialog"], [role="alertdialog"]')) return;
      const command = shellCommandFor(event, mac);
      if (!command) return;
      event.preventDefault();
      const s = shell.getState();
      switch (command.kind) {
        case 'new-tab':
          return s.newTab();
        case 'close-tab':
          return s.closeTab(s.activeTabId);
        case 'cycle':
          return s.cycle(command.delta);
        case 'move':
          return s.moveActive(command.delta);
        case 'number':
          return s.activateNumber(command.n);
        case 'bookmark':
          s.addBookmark();
          return;
        case 'toggle-sidebar':
          return toggleSidebar();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [shell, toggleSidebar]);
}
