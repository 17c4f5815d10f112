/**
 * One object the app creates once and hands to the browser view: the transfers store, the incomplete-uploads
 * view's store, the drag-out client and the preload's path lookup for dropped files.
 */
import { createDragOut, type DragApi, type DragOut } from './drag-out';
import { getPathForFileOf, type PathForFile } from './drop-upload';
import { createIncompleteUploadsStore, type IncompleteUploadsApi, type IncompleteUploadsStore } from './incomplete-uploads-store';
import { createTransfersStore, type TransfersApi, type TransfersOptions, type TransfersStore } from './transfers-store';

export interface TransfersWiring {
  readonly store: TransfersStore;
  readonly incomplete: IncompleteUploadsStore;
  readonly dragOut: DragOut;
  readonly pathOf?: PathForFile;
}

export function createTransfersWiring(api: TransfersApi & DragApi & IncompleteUploadsApi, options: TransfersOptions = {}): TransfersWiring {
  const store = createTransfersStore(api, options);
  const dragOut = createDragOut(api, (notice) => store.setState(typeof notice === 'string' ? { message: notice } : { error: notice }));
  const incomplete = createIncompleteUploadsStore(api);
  const pathOf = getPathForFileOf(api);
  return pathOf ? { store, incomplete, dragOut, pathOf } : { store, incomplete, dragOut };
}
