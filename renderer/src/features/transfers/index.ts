/** The transfers feature's public surface: what App and other features may use. Everything else is internal. */
export type { DragApi } from './drag-out';
export { isDownloadShortcut, tableTransferHandlers } from './table-transfers';
export { TransferButtons } from './TransferButtons';
export { TransfersDock } from './TransfersDock';
export { useDropHighlight } from './use-drop-highlight';
export type { TransfersApi } from './transfers-store';
export { createTransfersWiring, type TransfersWiring } from './wiring';
export { IncompleteUploadsButton } from './IncompleteUploadsButton';
