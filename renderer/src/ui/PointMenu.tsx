/**
 * A menu opened at a point (a right-click), on Radix UI's DropdownMenu anchored to an invisible 0×0 element
 * at that point: it flips and shifts to stay fully inside the window at every edge and corner, arrow keys
 * move (wrapping), Home/End and type-ahead work, Escape or a click elsewhere closes it, and focus goes back to
 * what had it before (the table). While it is open global shortcuts stand down (`isModalOpen`).
 */
import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { useEffect, useState } from 'react';
import { focusBeforeLayer } from './Modal';
import { holdModal, isModalOpen } from './modal-state';
import './ui.css';

export type MenuEntry =
  | { readonly kind: 'item'; readonly id: string; readonly label: string; readonly shortcut: string | null; readonly disabled: boolean }
  | { readonly kind: 'separator'; readonly id: string };

export interface PointMenuProps {
  readonly x: number;
  readonly y: number;
  readonly entries: readonly MenuEntry[];
  readonly label: string;
  readonly testId?: string;
  /** Test ids of items: `${itemTestIdPrefix}${id}`. */
  readonly itemTestIdPrefix?: string;
  onPick(id: string): void;
  onClose(): void;
}

export function PointMenu({ x, y, entries, label, testId, itemTestIdPrefix, onPick, onClose }: PointMenuProps) {
  const [returnTo] = useState(focusBeforeLayer);
  useEffect(() => holdModal(returnTo), [returnTo]);
  return (
    <DropdownMenu.Root
      open
      modal={false}
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
    >
      <DropdownMenu.Trigger asChild>
        <span aria-hidden="true" tabIndex={-1} style={{ position: 'fixed', left: x, top: y, width: 0, height: 0, pointerEvents: 'none' }} />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          className="menu"
          aria-label={label}
          data-testid={testId}
          side="bottom"
          align="start"
          sideOffset={2}
          collisionPadding={4}
          loop
          onCloseAutoFocus={(event) => {
            event.preventDefault();
            // A pick that opened a dialog hands focus to it; taking it back here would pull it out of the dialog.
            if (!isModalOpen() && returnTo?.isConnected) returnTo.focus();
          }}
        >
          {entries.map((entry) =>
            entry.kind === 'separator' ? (
              <DropdownMenu.Separator key={entry.id} className="menu-separator" />
            ) : (
              <DropdownMenu.Item
                key={entry.id}
                className="menu-item"
                disabled={entry.disabled}
                data-testid={itemTestIdPrefix ? `${itemTestIdPrefix}${entry.id}` : undefined}
                onSelect={() => onPick(entry.id)}
              >
                <span>{entry.label}</span>
                {entry.shortcut ? <kbd aria-label={`shortcut ${entry.shortcut}`}>{entry.shortcut}</kbd> : null}
              </DropdownMenu.Item>
            ),
          )}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
