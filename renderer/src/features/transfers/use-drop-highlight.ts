/**
 * Drop feedback for the table: while files from the OS are dragged over it, the target (a folder row, marked
 * with data-drop-target, or the whole table) is highlighted and a banner says where the drop would upload.
 * Returns the table's transfer handlers with the highlight added, and the banner's text (null when idle).
 */
import { type DragEvent, useCallback, useRef, useState } from 'react';
import { rowElementOf, rowOf } from '../../lib/row-element';
import { dropTargetOf } from './drop-highlight';
import { isFileDrag } from './drop-upload';

interface DragHandlers {
  readonly onDragOver?: (event: DragEvent) => void;
  readonly onDrop?: (event: DragEvent) => void;
  readonly onDragStart?: (event: DragEvent) => void;
}

export function useDropHighlight(location: () => { readonly bucket: string; readonly prefix: string } | null, inner: DragHandlers) {
  const [label, setLabel] = useState<string | null>(null);
  const marked = useRef<HTMLElement | null>(null);

  const mark = (row: HTMLElement | null) => {
    if (marked.current === row) return;
    marked.current?.removeAttribute('data-drop-target');
    row?.setAttribute('data-drop-target', '');
    marked.current = row;
  };
  const clear = useCallback(() => {
    mark(null);
    setLabel(null);
  }, []);

  const onDragOver = (event: DragEvent) => {
    inner.onDragOver?.(event);
    const here = location();
    if (!here || !isFileDrag([...event.dataTransfer.types])) return;
    const target = dropTargetOf(here.bucket, here.prefix, rowOf(event.target));
    mark(target.rowKey === null ? null : rowElementOf(event.target));
    setLabel(target.label);
  };
  const onDragLeave = (event: DragEvent) => {
    // Leaving for a child of the table is not leaving the table.
    if (event.relatedTarget instanceof Node && event.currentTarget.contains(event.relatedTarget)) return;
    clear();
  };
  const onDrop = (event: DragEvent) => {
    clear();
    inner.onDrop?.(event);
  };
  return { label, handlers: { ...inner, onDragOver, onDragLeave, onDrop } };
}
