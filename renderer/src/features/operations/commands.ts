import { isFolderKey } from '../../../../shared/keys';
import type { MenuCommand } from './menu-items';
import type { OperationsStore, Place } from './operations-store';

/** What the browser tells the operations feature: where the user is and what is selected. */
export interface OperationsTarget {
  readonly place: Place | null;
  /** Selected keys, in table order. */
  readonly selected: readonly string[];
  /** The row with keyboard focus, if any (used when nothing is selected). */
  readonly focused: string | null;
}

/** Carry out a shortcut or menu command on the current selection. Returns false if it does not apply. */
export function runCommand(store: OperationsStore, command: MenuCommand, target: OperationsTarget, keys?: readonly string[]): boolean {
  const s = store.getState();
  const place = target.place;
  if (!place) return false;
  const chosen = keys ?? (target.selected.length > 0 ? target.selected : target.focused ? [target.focused] : []);
  const selection = { connectionId: place.connectionId, bucket: place.bucket, keys: chosen };
  const single = chosen.length === 1 ? (chosen[0] as string) : null;
  const singleObject = single !== null && !isFolderKey(single) ? single : null;
  if (typeof command === 'object') {
    if (!single) return false;
    if (command.share === 'presigned') {
      if (!singleObject) return false;
      s.openShareDialog(singleObject);
    } else void s.share(place, single, command.share);
    return true;
  }
  switch (command) {
    case 'new-folder':
      s.openNewFolder(place);
      return true;
    case 'paste':
      if (!s.clipboard) return false;
      void s.paste(place);
      return true;
    case 'preview':
      if (s.preview.status !== 'idle') {
        s.closePreview();
        return true;
      }
      if (!singleObject) return false;
      void s.openPreview(place, singleObject);
      return true;
    case 'rename':
      if (!single) return false;
      s.openRename(place, single);
      return true;
    case 'copy':
    case 'cut':
      if (chosen.length === 0) return false;
      s[command](selection);
      return true;
    case 'delete':
      if (chosen.length === 0) return false;
      void s.requestDelete(selection);
      return true;
    case 'info': // the browser's info panel shows it (OperationsLayer's onInfo)
    case 'download': // the transfers feature handles these (OperationsLayer's callbacks)
    case 'upload-files':
    case 'upload-folder':
    case 'refresh': // the browser's
      return false;
  }
}
