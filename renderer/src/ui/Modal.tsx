/**
 * The one dialog primitive, on Radix UI's Dialog: focus moves in and is trapped (Tab cycles inside), Escape
 * cancels, the page behind is hidden from assistive tech and takes no pointer events, and while it is up
 * `isModalOpen()` tells global shortcuts to stand down. Focus goes back to what had it before the dialog
 * opened (the table, a toolbar button), or, if that is gone, stays wherever Radix puts it.
 *
 * Dialogs are rendered when open and unmounted when closed (the stores say whether one is open), so the
 * Radix root is always `open` here.
 */
import * as Dialog from '@radix-ui/react-dialog';
import { type KeyboardEvent, type ReactNode, useEffect, useState } from 'react';
import { holdModal, innermostReturnTarget } from './modal-state';
import './ui.css';

export interface ModalProps {
  /** Escape, the close button of the dialog itself, or (when allowed) a click on the backdrop. */
  readonly onCancel: () => void;
  /** The accessible name; rendered by the dialog itself with `ModalTitle`. */
  readonly children: ReactNode;
  readonly role?: 'dialog' | 'alertdialog';
  readonly className?: string;
  readonly testId?: string;
  readonly backdropTestId?: string;
  /** A click on the backdrop cancels (preview); off for forms, where a stray click must not lose input. */
  readonly cancelOnBackdrop?: boolean;
  /** Keys the dialog handles itself (e.g. Space closes the preview). */
  readonly onKeyDown?: (event: KeyboardEvent<HTMLDivElement>) => void;
  /** An accessible label when the dialog has no visible title. */
  readonly label?: string;
}

export const ModalTitle = Dialog.Title;

/**
 * What had focus before this layer took it, read on the first render (before Radix moves focus). Opened from
 * a menu item, that item is about to vanish: use what the menu itself will return focus to.
 */
export function focusBeforeLayer(): HTMLElement | null {
  if (typeof document === 'undefined') return null; // server-rendered (tests): no focus to return
  const active = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  if (active?.closest('[role="menu"]')) return (innermostReturnTarget() as HTMLElement | null) ?? null;
  return active;
}

export function Modal({ onCancel, children, role = 'dialog', className, testId, backdropTestId, cancelOnBackdrop = false, onKeyDown, label }: ModalProps) {
  const [returnTo] = useState(focusBeforeLayer);
  useEffect(() => holdModal(returnTo), [returnTo]);
  return (
    <Dialog.Root
      open
      onOpenChange={(open) => {
        if (!open) onCancel();
      }}
    >
      {/* No portal: rendered in place (fixed, above everything) so server-rendered tests see the markup. */}
      <Dialog.Overlay className="modal-backdrop" data-testid={backdropTestId}>
          <Dialog.Content
            className={className ? `modal ${className}` : 'modal'}
            role={role}
            aria-modal="true"
            aria-describedby={undefined}
            aria-label={label}
            data-testid={testId}
            onKeyDown={onKeyDown}
            onPointerDownOutside={(event) => {
              if (!cancelOnBackdrop) event.preventDefault();
            }}
            onCloseAutoFocus={(event) => {
              if (returnTo?.isConnected) {
                event.preventDefault();
                returnTo.focus();
              }
            }}
          >
            {label ? <Dialog.Title className="visually-hidden">{label}</Dialog.Title> : null}
            {children}
          </Dialog.Content>
        </Dialog.Overlay>
    </Dialog.Root>
  );
}
