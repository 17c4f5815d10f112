/**
 * What the object table needs from transfers, as event handlers for the element around it (events bubble, so
 * the table itself only has to mark rows `draggable` and carry `data-key` / `data-kind`):
 * - files dropped from the OS onto the table upload into the current folder, onto a folder row into that folder;
 * - dragging rows out stages the selection (or the dragged row, if it is not selected) and starts the OS drag;
 *   one large file instead carries DownloadURL drag data (Windows, macOS; see drag-out.ts).
 */
import type { DragEvent } from 'react';
import type { SelectedItem } from '../../../../shared/transfers';
import { rowOf } from '../../lib/row-element';
import type { DragOut } from './drag-out';
import { droppedItems, isFileDrag, type PathForFile } from './drop-upload';
import type { BucketLocation, TransfersStore, UploadTarget } from './transfers-store';

export interface TableContext {
  readonly store: TransfersStore;
  readonly dragOut: DragOut;
  readonly pathOf?: PathForFile;
  /** Where the table is: null outside a bucket. */
  location(): (UploadTarget & BucketLocation) | null;
  /** The selected rows' keys (folders end with "/"). */
  selectedKeys(): readonly string[];
  /** An object's size as listed (undefined for keys not in the current listing). */
  sizeOf(key: string): number | undefined;
}


/** The items a drag from `row` carries: the selection if the row is part of it, else that row alone. */
export function dragItems(rowKey: string, selected: readonly string[]): SelectedItem[] {
  const keys = selected.includes(rowKey) ? selected : [rowKey];
  return keys.map((key) => ({ key, kind: key.endsWith('/') ? 'folder' : 'object' }));
}

export function tableTransferHandlers(ctx: TableContext) {
  return {
    onDragOver(event: DragEvent) {
      if (!ctx.location() || !isFileDrag([...event.dataTransfer.types])) return;
      event.preventDefault(); // allow the drop
      event.dataTransfer.dropEffect = 'copy';
    },
    onDrop(event: DragEvent) {
      const here = ctx.location();
      if (!here || !isFileDrag([...event.dataTransfer.types])) return;
      event.preventDefault();
      const row = rowOf(event.target);
      const folder = row?.kind === 'folder' ? row.key : undefined;
      const target = { ...here, prefix: folder ?? here.prefix };
      void droppedItems(event.dataTransfer, ctx.pathOf).then(
        (files) => (files.length > 0 ? ctx.store.getState().uploadDropped(target, files) : undefined),
        (error: unknown) => ctx.store.setState({ message: `Could not read the dropped items: ${String(error)}` }),
      );
    },
    onDragStart(event: DragEvent) {
      const row = rowOf(event.target);
      if (!row) return;
      const here = ctx.location();
      const items = dragItems(row.key, ctx.selectedKeys());
      const stream = here ? ctx.dragOut.streamData(here, items, ctx.sizeOf) : null;
      if (stream) {
        // This HTML drag is the OS drag: Chromium fetches the address from main when the file is dropped.
        event.dataTransfer.setData('DownloadURL', stream);
        event.dataTransfer.effectAllowed = 'copy';
        return;
      }
      // The HTML drag would carry nothing useful to the OS; the native drag (startDrag) replaces it.
      event.preventDefault();
      if (here && items.length > 0) void ctx.dragOut.begin(here, items);
    },
  };
}

/** Ctrl/⌘+Shift+D: download the selection. */
export function isDownloadShortcut(event: { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean }): boolean {
  return event.shiftKey && (event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'd';
}
