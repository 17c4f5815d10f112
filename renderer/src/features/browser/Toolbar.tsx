import * as Tooltip from '@radix-ui/react-tooltip';
import type { ReactNode } from 'react';
import type { CommandId } from '../../../../shared/commands';
import type { AppCommands } from '../../commands/app-commands';
import { CommandToolbar } from '../../commands/CommandToolbar';

const NAVIGATION: readonly CommandId[] = ['back', 'forward', 'up', 'refresh'];
/** In the order they give way when the window narrows: the last ones go into the overflow menu first. */
const ACTIONS: readonly CommandId[] = [
  'new-folder',
  'upload-files',
  'download',
  'delete',
  'rename',
  'copy',
  'paste',
  'preview',
  'edit',
  'info',
  'share-link',
  'upload-folder',
  'show-deleted',
  'versions',
  'compare',
];
const REFRESHING: ReadonlySet<CommandId> = new Set(['refresh']);

export interface ToolbarProps {
  readonly commands: AppCommands;
  /** The folder is being re-listed (Refresh shows it). */
  readonly busy: boolean;
  /** Between navigation and actions: the address bar and filter. */
  readonly children: ReactNode;
  /** After the actions: the connection's name and controls. */
  readonly trailing?: ReactNode;
}

/** Navigation buttons, the view's fields, the command buttons (overflowing into a menu when narrow). */
export function Toolbar({ commands, busy, children, trailing }: ToolbarProps) {
  return (
    <Tooltip.Provider delayDuration={500} skipDelayDuration={200} disableHoverableContent>
      <div className="toolbar">
        <CommandToolbar commands={commands} ids={NAVIGATION} label="Navigation" {...(busy ? { busy: REFRESHING } : {})} testId="toolbar-navigation" />
        {children}
        <CommandToolbar commands={commands} ids={ACTIONS} label="Actions" overflow testId="toolbar-actions" />
        {trailing}
      </div>
    </Tooltip.Provider>
  );
}
