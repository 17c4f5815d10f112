/**
 * One object the app creates once and hands to the browser view: the transfers store, the drag-out client and
 * the preload's path lookup for dropped files.
 */
import { createDragOut, type DragApi, type DragOut } from './drag-out';
import { getPathForFileOf, type PathForFile } from './drop-upload';
import { createTransfersStore, type TransfersApi, type TransfersOptions, type TransfersStore } from './transfers-store';

export interface TransfersWiring {
  readonly store: TransfersStore;
  readonly dragOut: DragOut;
  readonly pathOf?: PathForFile;
}

export function createTransfersWiring(api: TransfersApi & DragApi, options: TransfersOptions = {}): TransfersWiring {
  const store = createTransfersStore(api, options);
  const dragOut = createDragOut(api, (notice) => store.setState(typeof notice === 'string' ? { message: notice } : { error: notice }));
  const pathOf = getPathForFileOf(api);
  return pathOf ? { store, dragOut, pathOf } : { store, dragOut };
}
