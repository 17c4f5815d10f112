/**
 * A row of command buttons on Radix Toolbar (Tab enters it once, arrows move across, Home/End jump). With
 * `overflow`, the row measures its own width and moves the buttons that do not fit into a "More" menu, last
 * first, so a narrow window never overflows or squeezes the address bar and filter.
 */
import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import * as RadixToolbar from '@radix-ui/react-toolbar';
import { Ellipsis } from 'lucide-react';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { CommandId } from '../../../shared/commands';
import { holdModal } from '../ui/modal-state';
import type { AppCommands } from './app-commands';
import { COMMAND_ICONS } from './command-icons';
import { CommandButton, plainLabel, shortcutOf } from './CommandButton';
import { fitCount, fullWidth } from './overflow-fit';
import { useCommandsVersion } from './use-commands';
import './commands.css';

/** Must match .command-button's width and .command-bar's gap in commands.css. */
const ITEM = 30;
const GAP = 2;

export interface CommandToolbarProps {
  readonly commands: AppCommands;
  readonly ids: readonly CommandId[];
  readonly label: string;
  readonly overflow?: boolean;
  /** Commands drawn as working (the refresh spinner colour). */
  readonly busy?: ReadonlySet<CommandId>;
  readonly testId?: string;
}

/** While the overflow menu is open, global shortcuts stand down as for every other menu. */
function HoldModal() {
  useEffect(() => holdModal(null), []);
  return null;
}

export function CommandToolbar({ commands, ids, label, overflow = false, busy, testId }: CommandToolbarProps) {
  useCommandsVersion(commands);
  const ref = useRef<HTMLDivElement>(null);
  const [available, setAvailable] = useState<number | null>(null);

  useLayoutEffect(() => {
    const element = ref.current;
    if (!overflow || !element) return;
    const measure = () => setAvailable(element.clientWidth);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [overflow]);

  const shown = overflow && available !== null ? fitCount(ids.length, available, ITEM, GAP, ITEM) : ids.length;
  const visible = ids.slice(0, shown);
  const hidden = ids.slice(shown);
  const run = (id: CommandId) => void commands.run(id);

  return (
    <RadixToolbar.Root
      ref={ref}
      className={`command-bar${overflow ? ' command-bar-overflow' : ''}`}
      aria-label={label}
      data-testid={testId}
      data-shown={shown}
      // The row asks for room for every button; flex shrinks it and the overflow menu takes the rest.
      style={overflow ? { flex: `0 1 ${fullWidth(ids.length, ITEM, GAP)}px` } : undefined}
    >
      {visible.map((id) => (
        <CommandButton key={id} id={id} mac={commands.mac} reason={commands.reason(id)} busy={busy?.has(id) ?? false} onRun={run} />
      ))}
      {hidden.length > 0 ? (
        <DropdownMenu.Root modal={false}>
          <DropdownMenu.Trigger asChild>
            <RadixToolbar.Button type="button" className="icon-button command-button" aria-label="More actions" title="More actions" data-testid="toolbar-overflow">
              <Ellipsis size={16} strokeWidth={1.75} aria-hidden="true" />
            </RadixToolbar.Button>
          </DropdownMenu.Trigger>
          <DropdownMenu.Portal>
            <DropdownMenu.Content className="menu" align="end" sideOffset={2} collisionPadding={4} loop data-testid="toolbar-overflow-menu">
              <HoldModal />
              {hidden.map((id) => {
                const Icon = COMMAND_ICONS[id];
                const reason = commands.reason(id);
                const shortcut = shortcutOf(id, commands.mac);
                return (
                  <DropdownMenu.Item
                    key={id}
                    className="menu-item"
                    disabled={reason !== null}
                    title={reason ?? undefined}
                    data-testid={`overflow-${id}`}
                    onSelect={() => run(id)}
                  >
                    <span className="menu-item-label">
                      <Icon size={14} strokeWidth={1.75} aria-hidden="true" />
                      {plainLabel(id)}
                    </span>
                    {shortcut ? <kbd>{shortcut}</kbd> : null}
                  </DropdownMenu.Item>
                );
              })}
            </DropdownMenu.Content>
          </DropdownMenu.Portal>
        </DropdownMenu.Root>
      ) : null}
    </RadixToolbar.Root>
  );
}
