/** The sync feature's public surface. */
export { createSyncStore, type SyncApi, type SyncStore, visibleRows } from './sync-store';
export { SyncDialog } from './SyncDialog';
export { SyncLauncher } from './SyncLauncher';
