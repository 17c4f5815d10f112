import { useCallback, useEffect } from 'react';
import { useStore } from 'zustand';
import type { CommandId } from '../../../../shared/commands';
import { basename } from '../../../../shared/keys';
import type { AppCommands } from '../../commands/app-commands';
import type { OperationsTarget } from './browser-target';
import { ConfirmDialog } from './ConfirmDialog';
import { planningText } from './planning-text';
import { ContextMenu } from './ContextMenu';
import { menuItems } from './menu-items';
import { NameDialog } from './NameDialog';
import type { OperationsStore } from './operations-store';
import { RunList } from './RunList';
import { ShareDialog } from './ShareDialog';
import './operations.css';

export interface OperationsLayerProps {
  readonly store: OperationsStore;
  /** The browser's current folder and selection (the share dialog's folder). */
  readonly target: () => OperationsTarget;
  /** The command registry: the context menu's items, their state and what a pick does. */
  readonly commands: AppCommands;
  /** Commands whose feature is not wired in: left out of the menus. */
  readonly omit?: ReadonlySet<CommandId>;
}

/**
 * Everything the operations feature draws over the browser: context menu, dialogs, progress. The
 * shortcuts are the command registry's (renderer/src/commands/).
 */
export function OperationsLayer({ store, target, commands, omit }: OperationsLayerProps) {
  const state = useStore(store);
  useEffect(() => store.getState().start(), [store]);

  const closeMenu = useCallback(() => store.getState().closeMenu(), [store]);
  const place = target().place;
  const d = state.dialog;

  return (
    <>
      {state.menu && (
        <ContextMenu
          x={state.menu.x}
          y={state.menu.y}
          entries={menuItems(state.menu.keys.length === 0, (id) => commands.reason(id), commands.mac, omit)}
          onClose={closeMenu}
          onPick={(command) => void commands.run(command)}
        />
      )}
      {d && d.kind !== 'confirm' && (
        <NameDialog
          mode={d.kind}
          name={d.name}
          problem={d.problem}
          busy={d.busy}
          onChange={(name) => state.setDialogName(name)}
          onSubmit={() => void state.submitName()}
          onCancel={() => state.closeDialog()}
        />
      )}
      {d?.kind === 'confirm' && (
        <ConfirmDialog request={d.request} plan={d.plan} onConfirm={() => void state.confirm()} onCancel={() => state.closeDialog()} />
      )}
      {state.planning && (
        <div className="ops-toast ops-planning" role="status" data-testid="ops-planning">
          <span data-testid="ops-planning-count">{planningText(state.planning)}</span>
          <button type="button" onClick={() => void state.cancelPlanning()} data-testid="ops-planning-cancel">
            Cancel
          </button>
        </div>
      )}
      {state.error && (
        <p className="ops-toast ops-problem" role="alert" data-testid="ops-error" onClick={() => state.clearError()}>
          {state.error.message}
        </p>
      )}
      {state.shareLink && !state.shareDialogKey && (
        <p className="ops-toast" role="status" data-testid="ops-share-toast" onClick={() => state.closeShare()}>
          {state.shareLink.error ?? (state.shareLink.copied ? 'Copied to the clipboard' : state.shareLink.text)}
        </p>
      )}
      {state.shareDialogKey && place && (
        <ShareDialog
          keyName={basename(state.shareDialogKey)}
          link={state.shareLink}
          onPresign={(seconds) => void state.share(place, state.shareDialogKey as string, 'presigned', seconds)}
          onClose={() => state.closeShare()}
        />
      )}
      <RunList runs={state.runs} onCancel={(id) => void state.cancelRun(id)} onDismiss={(id) => state.dismissRun(id)} />
    </>
  );
}
