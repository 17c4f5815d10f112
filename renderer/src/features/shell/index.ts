/** The shell feature's public surface: the window frame (sidebar, tabs, title) and its store. */
export { AppShell } from './AppShell';
export { createShellStore, type ShellApi, type ShellStore } from './shell-store';
