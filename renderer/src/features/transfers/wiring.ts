/**
 * One object the app creates once and hands to the browser view: the transfers store, the incomplete-uploads
 * view's store, the upload-options form's store, the drag-out client and the preload's path lookup for dropped files.
 */
import { createDragOut, type DragApi, type DragOut } from './drag-out';
import { getPathForFileOf, type PathForFile } from './drop-upload';
import { createIncompleteUploadsStore, type IncompleteUploadsApi, type IncompleteUploadsStore } from './incomplete-uploads-store';
import { createTransfersStore, type TransfersApi, type TransfersOptions, type TransfersStore } from './transfers-store';
import { createUploadOptionsStore, type UploadOptionsApi, type UploadOptionsStore } from './upload-options-store';

export interface TransfersWiring {
  readonly store: TransfersStore;
  readonly incomplete: IncompleteUploadsStore;
  /** "Upload with options…": the form's store. */
  readonly uploadOptions: UploadOptionsStore;
  readonly dragOut: DragOut;
  readonly pathOf?: PathForFile;
}

export function createTransfersWiring(api: TransfersApi & DragApi & IncompleteUploadsApi & UploadOptionsApi, options: TransfersOptions = {}): TransfersWiring {
  const store = createTransfersStore(api, options);
  const dragOut = createDragOut(api, (notice) => store.setState(typeof notice === 'string' ? { message: notice } : { error: notice }));
  const incomplete = createIncompleteUploadsStore(api);
  const uploadOptions = createUploadOptionsStore(api, (target, paths, options) => store.getState().uploadPaths(target, paths, options));
  const pathOf = getPathForFileOf(api);
  return pathOf ? { store, incomplete, uploadOptions, dragOut, pathOf } : { store, incomplete, uploadOptions, dragOut };
}
