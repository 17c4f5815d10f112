import { PointMenu } from '../../ui/PointMenu';
import type { MenuCommand, MenuEntry } from './menu-items';

export interface ContextMenuProps {
  readonly x: number;
  readonly y: number;
  readonly entries: readonly MenuEntry[];
  onPick(command: MenuCommand): void;
  onClose(): void;
}

/** The file list's context menu at the pointer (see ui/PointMenu for placement, keys and focus). */
export function ContextMenu({ x, y, entries, onPick, onClose }: ContextMenuProps) {
  return (
    <PointMenu
      x={x}
      y={y}
      label="Actions"
      testId="ops-context-menu"
      itemTestIdPrefix="ops-menu-"
      entries={entries}
      onClose={onClose}
      onPick={(id) => {
        const item = entries.find((e) => e.id === id);
        onClose();
        if (item?.kind === 'item') onPick(item.command);
      }}
    />
  );
}
