/** Open with the default app, and Edit with save-back: the sessions main keeps and the renderer shows. */

export type EditState =
  /** Downloading the temp copy (a transfer-panel item). */
  | 'opening'
  /** Open in the app; Edit sessions watch the temp file for saves. */
  | 'open'
  /** A save is being uploaded (a transfer-panel item). */
  | 'uploading'
  /** The object changed on the server since it was opened: overwrite, save as a new key, or discard. */
  | 'conflict'
  /** The object was deleted on the server: upload it again only if the user says so. */
  | 'deleted'
  /** The last save could not be uploaded (the message says why); the next save tries again. */
  | 'failed';

export interface EditSession {
  readonly id: string;
  readonly connectionId: string;
  readonly bucket: string;
  readonly key: string;
  /** True for Edit (watched and saved back); false for Open (a read-only temp copy). */
  readonly edit: boolean;
  readonly localPath: string;
  readonly state: EditState;
  /** The ETag the temp copy's edits are based on (the last one downloaded or uploaded). */
  readonly etag: string;
  /** Saves uploaded so far. */
  readonly uploads: number;
  /** Why the state is what it is, in a sentence (conflict, failure). */
  readonly message: string | null;
}

/** How a conflict or a deletion is settled. */
export type EditChoice =
  /** Upload my copy over the server's (or, after a deletion, upload it again). */
  | 'overwrite'
  /** Upload my copy under `newKey`; the edit continues on that key. */
  | 'save-as'
  /** Drop my changes: the edit ends and its temp copy is removed. */
  | 'discard';

/** "report.txt" → "report (edited).txt": the key Save as proposes (a folder's dotfiles keep their name). */
export function editedKey(key: string): string {
  const slash = key.lastIndexOf('/');
  const name = key.slice(slash + 1);
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const ext = dot > 0 ? name.slice(dot) : '';
  return `${key.slice(0, slash + 1)}${stem} (edited)${ext}`;
}
