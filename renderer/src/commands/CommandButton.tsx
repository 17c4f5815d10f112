/**
 * One toolbar button of a command: its icon, a tooltip with label, shortcut and (when it cannot run) the
 * reason. Disabled buttons stay focusable and hoverable (aria-disabled, not `disabled`) so the reason can be
 * read with the keyboard and the pointer alike.
 */
import * as RadixToolbar from '@radix-ui/react-toolbar';
import * as Tooltip from '@radix-ui/react-tooltip';
import { formatAccelerator } from '../../../shared/accelerator';
import { type CommandId, commandDef, keysOf } from '../../../shared/commands';
import { COMMAND_ICONS } from './command-icons';

/** Test ids the specs already used for these buttons. */
const TEST_IDS: Partial<Record<CommandId, string>> = {
  back: 'nav-back',
  forward: 'nav-forward',
  up: 'nav-up',
  refresh: 'nav-refresh',
  download: 'download-button',
  'upload-files': 'upload-files-button',
  'upload-folder': 'upload-folder-button',
};

export function commandTestId(id: CommandId): string {
  return TEST_IDS[id] ?? `cmd-${id}`;
}

/** The label without the trailing "…" (a tooltip names the command; the dots belong to menus). */
export function plainLabel(id: CommandId): string {
  return commandDef(id).label.replace(/…$/, '');
}

export function shortcutOf(id: CommandId, mac: boolean): string | null {
  const first = keysOf(commandDef(id), mac)[0];
  return first ? formatAccelerator(first, mac) : null;
}

export interface CommandButtonProps {
  readonly id: CommandId;
  readonly mac: boolean;
  /** null when it can run. */
  readonly reason: string | null;
  readonly busy?: boolean;
  onRun(id: CommandId): void;
}

export function CommandButton({ id, mac, reason, busy, onRun }: CommandButtonProps) {
  const Icon = COMMAND_ICONS[id];
  const label = plainLabel(id);
  const shortcut = shortcutOf(id, mac);
  const first = keysOf(commandDef(id), mac)[0];
  return (
    <Tooltip.Root>
      <Tooltip.Trigger asChild>
        <RadixToolbar.Button
          type="button"
          className={`icon-button command-button${busy ? ' busy' : ''}`}
          aria-label={label}
          aria-disabled={reason !== null}
          {...(first ? { 'aria-keyshortcuts': first.replace('CmdOrCtrl', mac ? 'Meta' : 'Control') } : {})}
          data-testid={commandTestId(id)}
          onClick={() => {
            if (reason === null) onRun(id);
          }}
        >
          <Icon size={16} strokeWidth={1.75} aria-hidden="true" />
        </RadixToolbar.Button>
      </Tooltip.Trigger>
      <Tooltip.Portal>
        <Tooltip.Content className="command-tooltip" side="bottom" sideOffset={4} collisionPadding={4} data-testid={`tooltip-${id}`}>
          <span className="command-tooltip-label">{label}</span>
          {shortcut ? <kbd>{shortcut}</kbd> : null}
          {reason ? <span className="command-tooltip-reason">{reason}</span> : null}
        </Tooltip.Content>
      </Tooltip.Portal>
    </Tooltip.Root>
  );
}
