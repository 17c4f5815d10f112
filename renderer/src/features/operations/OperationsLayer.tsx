import { useCallback, useEffect } from 'react';
import { useStore } from 'zustand';
import { basename } from '../../../../shared/keys';
import { isTypingTarget, operationForKey } from '../../lib/operation-shortcuts';
import { isModalOpen } from '../../ui/modal-state';
import { type OperationsTarget, runCommand } from './commands';
import { ConfirmDialog } from './ConfirmDialog';
import { planningText } from './planning-text';
import { ContextMenu } from './ContextMenu';
import { menuItems } from './menu-items';
import { NameDialog } from './NameDialog';
import type { OperationsStore } from './operations-store';
import { PreviewPane } from './PreviewPane';
import { RunList } from './RunList';
import { ShareDialog } from './ShareDialog';
import './operations.css';

export interface OperationsLayerProps {
  readonly store: OperationsStore;
  /** Read on every shortcut and menu pick: the browser's current folder and selection. */
  readonly target: () => OperationsTarget;
  readonly mac: boolean;
  /** Show an object's info (in the browser's own panel). */
  readonly onInfo: (key: string) => void;
  /** Offer "Download…" in the menu and hand the picked keys to the transfers feature. */
  readonly onDownload?: (keys: readonly string[]) => void;
  /** Offer "Upload files…/folder…" on the folder background. */
  readonly onUpload?: (folders: boolean) => void;
  /** Offer "Refresh" on the folder background. */
  readonly onRefresh?: () => void;
}

/**
 * Everything the operations feature draws over the browser: context menu, dialogs, progress, preview,
 * and the global shortcuts (ignored while typing in a field or while a dialog is open).
 */
export function OperationsLayer({ store, target, mac, onInfo, onDownload, onUpload, onRefresh }: OperationsLayerProps) {
  const state = useStore(store);
  useEffect(() => store.getState().start(), [store]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || isModalOpen() || isTypingTarget(e.target as HTMLElement | null)) return;
      const s = store.getState();
      if (s.dialog || s.shareDialogKey || s.menu) return;
      const command = operationForKey(e, mac);
      if (!command) return;
      // With the preview open, Space closes it (the pane handles its own keys).
      if (command === 'preview' && s.preview.status !== 'idle') return;
      if (runCommand(store, command, target())) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, target, mac]);

  const closeMenu = useCallback(() => store.getState().closeMenu(), [store]);
  const place = target().place;
  const d = state.dialog;

  return (
    <>
      {state.menu && (
        <ContextMenu
          x={state.menu.x}
          y={state.menu.y}
          entries={menuItems(state.menu.keys, state.clipboard !== null, mac, {
            download: onDownload !== undefined,
            upload: onUpload !== undefined,
            refresh: onRefresh !== undefined,
          })}
          onClose={closeMenu}
          onPick={(command) => {
            const keys = state.menu?.keys ?? [];
            if (command === 'download') onDownload?.(keys);
            else if (command === 'upload-files' || command === 'upload-folder') onUpload?.(command === 'upload-folder');
            else if (command === 'refresh') onRefresh?.();
            else if (command === 'info') {
              if (keys.length === 1) onInfo(keys[0] as string);
            }
            else runCommand(store, command, target(), keys);
          }}
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
      <PreviewPane preview={state.preview} onClose={() => state.closePreview()} />
      <RunList runs={state.runs} onCancel={(id) => void state.cancelRun(id)} onDismiss={(id) => state.dismissRun(id)} />
    </>
  );
}
