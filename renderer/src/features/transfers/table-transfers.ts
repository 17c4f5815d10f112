/**
 * What the object table needs from transfers, as plain props: drop files onto the table (current folder) or a
 * folder row (that folder), drag selected rows out, and the download shortcut. The browse feature spreads
 * these onto its elements; nothing here knows about its markup beyond data-testid conventions.
 */
import type { DragEvent, PointerEvent } from 'react';
import type { SelectedItem } from '../../../../shared/transfers';
import type { DragOut } from './drag-out';
import { droppedFiles, isFileDrag, type PathForFile } from './drop-upload';
import type { BucketLocation, TransfersStore, UploadTarget } from './transfers-store';

export interface TableTransfersOptions {
  readonly store: TransfersStore;
  readonly dragOut: DragOut;
  readonly pathOf?: PathForFile;
}

/** Props for the table (or any container) that accepts file drops into `target`. */
export function dropTargetProps(options: TableTransfersOptions, target: () => UploadTarget | null) {
  return {
    onDragOver(event: DragEvent) {
      if (!target() || !isFileDrag([...event.dataTransfer.types])) return;
      event.preventDefault(); // allow the drop
      event.dataTransfer.dropEffect = 'copy';
    },
    onDrop(event: DragEvent) {
      const to = target();
      if (!to || !isFileDrag([...event.dataTransfer.types])) return;
      event.preventDefault();
      event.stopPropagation();
      const files = droppedFiles(Array.from(event.dataTransfer.files), options.pathOf);
      if (files.length > 0) void options.store.getState().uploadDropped(to, files);
    },
  };
}

/** Props for a selected row: staging starts on pointer-down, the native drag on dragstart. */
export function dragSourceProps(options: TableTransfersOptions, location: () => BucketLocation | null, selection: () => readonly SelectedItem[]) {
  return {
    draggable: true,
    onPointerDown(event: PointerEvent) {
      const loc = location();
      const items = selection();
      if (event.button !== 0 || !loc || items.length === 0) return;
      void options.dragOut.prepare(loc, items);
    },
    onDragStart(event: DragEvent) {
      const loc = location();
      const items = selection();
      // The HTML drag would carry nothing useful to the OS; the native drag replaces it.
      event.preventDefault();
      if (!loc || items.length === 0) return;
      void options.dragOut.begin(loc, items);
    },
  };
}

/** Ctrl/⌘+Shift+D: download the selection. */
export function isDownloadShortcut(event: { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean }): boolean {
  return event.shiftKey && (event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'd';
}
