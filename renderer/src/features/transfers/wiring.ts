/**
 * One object the app creates once and hands to the browser view: the transfers store, the incomplete-uploads
 * view's store, the drag-out client and the preload's path lookup for dropped files.
 */
import type { RendererApi } from '../../../../shared/ipc';
import { createDragOut, type DragOut } from './drag-out';
import { getPathForFileOf, type PathForFile } from './drop-upload';
import { createIncompleteUploadsStore, type IncompleteUploadsStore } from './incomplete-uploads-store';
import { createTransfersStore, type TransfersStore } from './transfers-store';

export interface TransfersWiring {
  readonly store: TransfersStore;
  readonly incomplete: IncompleteUploadsStore;
  readonly dragOut: DragOut;
  readonly pathOf?: PathForFile;
}

export function createTransfersWiring(api: RendererApi): TransfersWiring {
  const store = createTransfersStore(api);
  const dragOut = createDragOut(api, (message) => store.setState({ message }));
  const incomplete = createIncompleteUploadsStore(api);
  const pathOf = getPathForFileOf(api);
  return pathOf ? { store, incomplete, dragOut, pathOf } : { store, incomplete, dragOut };
}
