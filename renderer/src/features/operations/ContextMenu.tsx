import { useEffect, useRef } from 'react';
import type { MenuCommand, MenuItem } from './menu-items';

export interface ContextMenuProps {
  readonly x: number;
  readonly y: number;
  readonly items: readonly MenuItem[];
  onPick(command: MenuCommand): void;
  onClose(): void;
}

/** A positioned menu; Escape or a click elsewhere closes it. */
export function ContextMenu({ x, y, items, onPick, onClose }: ContextMenuProps) {
  const ref = useRef<HTMLUListElement>(null);
  useEffect(() => {
    const away = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) onClose();
    };
    const esc = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('mousedown', away);
    window.addEventListener('keydown', esc);
    ref.current?.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus();
    return () => {
      window.removeEventListener('mousedown', away);
      window.removeEventListener('keydown', esc);
    };
  }, [onClose]);
  return (
    <ul ref={ref} className="ops-menu" role="menu" data-testid="ops-context-menu" style={{ left: x, top: y }}>
      {items.map((item) => (
        <li key={item.id} role="none">
          <button
            type="button"
            role="menuitem"
            data-testid={`ops-menu-${item.id}`}
            disabled={item.disabled}
            onClick={() => {
              onClose();
              onPick(item.command);
            }}
          >
            <span>{item.label}</span>
            {item.shortcut && <kbd>{item.shortcut}</kbd>}
          </button>
        </li>
      ))}
    </ul>
  );
}
