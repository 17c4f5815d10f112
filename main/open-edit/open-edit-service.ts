/**
 * Open and Edit: a temp copy downloaded through the transfer queue, handed to the OS default app (an injectable
 * port, so tests run in Node); Edit watches the copy and uploads each save back only while the object is still
 * the one it was opened from. Conflicts and deletions wait for the user's choice (`resolve`).
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { EditChoice, EditSession, EditState } from '../../shared/open-edit';
import { isFolderKey } from '../../shared/keys';
import { codedError, invalidInput } from '../core/app-error';
import type { CoreContext } from '../core/context';
import { toAppError } from '../core/to-app-error';
import type { TransferService } from '../transfers/transfer-service';
import { type FileWatch, hashFile, watchSaves } from './file-watch';
import { headObject, putObject, serverState } from './save-back';
import { TempCopies } from './temp-copies';

/** Opens a file with its default app; resolves to an error message, or '' when it opened (shell.openPath). */
export interface OpenPort {
  openPath(path: string): Promise<string>;
}

export interface OpenEditOptions {
  readonly port?: OpenPort;
  /** Where temp copies go (a fresh folder of this process by default). */
  readonly tempDir?: string;
  /** How long a burst of file events settles before the save is looked at. */
  readonly settleMs?: number;
}

/** Edits are uploaded in one PutObject from memory; larger files are better saved with Upload. */
export const EDIT_SIZE_LIMIT = 512 * 1024 * 1024;

interface Session {
  view: EditSession;
  contentType: string | null;
  metadata: Readonly<Record<string, string>>;
  /** Hash of what the server holds (as downloaded or last uploaded): an unchanged file is not uploaded. */
  hash: string | null;
  watch: FileWatch | null;
  /** Saves run one after another per session. */
  chain: Promise<void>;
}

export class OpenEditService {
  private readonly sessions = new Map<string, Session>();
  private readonly temp: TempCopies;

  constructor(
    private readonly ctx: CoreContext,
    private readonly transfers: TransferService,
    private readonly options: OpenEditOptions = {},
  ) {
    this.temp = new TempCopies(options.tempDir ?? path.join(os.tmpdir(), `s3desk-open-${process.pid}-${randomUUID().slice(0, 8)}`));
  }

  list(): EditSession[] {
    return [...this.sessions.values()].map((s) => s.view);
  }

  async open(req: { connectionId: string; bucket: string; key: string; edit: boolean }): Promise<EditSession> {
    if (isFolderKey(req.key)) throw invalidInput('only files can be opened in another app');
    if (!this.options.port) throw codedError('Unknown', 'opening files in other apps is not available here');
    const client = this.ctx.clientFor(req.connectionId, req.bucket);
    // A fresh HEAD, not the listing cache: the edit's base ETag must be the server's own now.
    const head = await headObject(client, req.bucket, req.key);
    if (!head) throw codedError('NoSuchKey', `${req.key} no longer exists`);
    if (req.edit && head.size > EDIT_SIZE_LIMIT) throw invalidInput(`files over 512 MiB cannot be edited in place; download, edit and upload ${path.basename(req.key)} instead`);
    const id = randomUUID();
    const localPath = await this.temp.prepare(id, req.key);
    const s: Session = {
      view: { id, connectionId: req.connectionId, bucket: req.bucket, key: req.key, edit: req.edit, localPath, state: 'opening', etag: head.etag, uploads: 0, message: null },
      contentType: head.contentType,
      metadata: head.metadata,
      hash: null,
      watch: null,
      chain: Promise.resolve(),
    };
    this.sessions.set(id, s);
    this.emit(s);
    try {
      await this.transfers.fetchFile({
        connectionId: req.connectionId,
        bucket: req.bucket,
        key: req.key,
        target: localPath,
        note: req.edit ? 'for editing' : 'to open',
        object: { bucket: req.bucket, key: req.key, size: head.size, etag: head.etag },
      });
      s.hash = await hashFile(localPath);
      const problem = await this.options.port.openPath(localPath);
      if (problem) throw codedError('LocalFileError', `${path.basename(localPath)} could not be opened: ${problem}`);
    } catch (error) {
      await this.end(id);
      throw error;
    }
    if (req.edit) s.watch = watchSaves(localPath, () => this.queueSave(s), this.options.settleMs);
    this.update(s, 'open', null);
    return s.view;
  }

  /** Settle a conflict or a deletion. */
  async resolve(req: { sessionId: string; choice: EditChoice; newKey?: string }): Promise<EditSession | null> {
    const s = this.get(req.sessionId);
    if (req.choice === 'discard') {
      await this.end(s.view.id);
      return null;
    }
    if (s.view.state !== 'conflict' && s.view.state !== 'deleted' && s.view.state !== 'failed') throw invalidInput('this edit has nothing to settle');
    const run = async () => {
      if (req.choice === 'save-as') {
        const newKey = req.newKey;
        if (!newKey || isFolderKey(newKey)) throw invalidInput('Save as needs a file key');
        await this.upload(s, newKey, { ifNoneMatch: true });
        s.view = { ...s.view, key: newKey };
      } else {
        // Overwrite what is there now (or put it back after a deletion), still conditional on that state.
        const state = await serverState(this.ctx.clientFor(s.view.connectionId, s.view.bucket), s.view.bucket, s.view.key, s.view.etag);
        await this.upload(s, s.view.key, state.kind === 'changed' ? { ifMatch: state.etag } : state.kind === 'same' ? { ifMatch: s.view.etag } : {});
      }
    };
    await this.serial(s, run);
    return s.view;
  }

  /** The edit is over: stop watching and remove its temp copy (Open sessions too). */
  async finish(sessionId: string): Promise<{ finished: boolean }> {
    if (!this.sessions.has(sessionId)) return { finished: false };
    await this.end(sessionId);
    return { finished: true };
  }

  /** Look at the temp copy now, as a save on disk would (the pane's "Save back now"; tests). */
  async checkNow(sessionId: string): Promise<EditSession> {
    const s = this.get(sessionId);
    if (!s.view.edit) throw invalidInput('this file was opened to view, not to edit');
    await this.serial(s, () => this.saveBack(s));
    return s.view;
  }

  /** Tests and the app's quit: wait for saves under way. */
  async settled(): Promise<void> {
    await Promise.all([...this.sessions.values()].map((s) => s.chain));
  }

  async dispose(): Promise<void> {
    for (const s of this.sessions.values()) s.watch?.close();
    await this.settled();
    this.sessions.clear();
    await this.temp.removeAll();
  }

  private get(id: string): Session {
    const s = this.sessions.get(id);
    if (!s) throw invalidInput('this edit has ended');
    return s;
  }

  private async end(id: string): Promise<void> {
    const s = this.sessions.get(id);
    if (!s) return;
    s.watch?.close();
    this.sessions.delete(id);
    this.ctx.events('edit:ended', { id });
    await s.chain;
    await this.temp.remove(id);
  }

  private serial(s: Session, run: () => Promise<void>): Promise<void> {
    const next = s.chain.then(run, run);
    // The chain itself never rejects: a failure is the session's state, reported to the caller once.
    s.chain = next.catch(() => {});
    return next;
  }

  private queueSave(s: Session): void {
    this.serial(s, () => this.saveBack(s)).catch(() => {});
  }

  /** A save seen on disk: upload it if it changed and the object is still the one it was based on. */
  private async saveBack(s: Session): Promise<void> {
    if (!this.sessions.has(s.view.id)) return;
    const hash = await hashFile(s.view.localPath);
    if (hash === null || hash === s.hash) return;
    // Waiting for the user: further saves are kept on disk and go up with their choice.
    if (s.view.state === 'conflict' || s.view.state === 'deleted') return;
    try {
      const state = await serverState(this.ctx.clientFor(s.view.connectionId, s.view.bucket), s.view.bucket, s.view.key, s.view.etag);
      if (state.kind === 'deleted') return this.update(s, 'deleted', `${s.view.key} was deleted on the server while you edited it. Upload your copy again?`);
      if (state.kind === 'changed') return this.update(s, 'conflict', `${s.view.key} was changed on the server since you opened it.`);
      await this.upload(s, s.view.key, { ifMatch: s.view.etag });
    } catch (error) {
      const e = toAppError(error, s.view.key);
      if (e.code === 'Conflict') return this.update(s, 'conflict', `${s.view.key} was changed on the server since you opened it.`);
      this.update(s, 'failed', `The save could not be uploaded: ${e.message}. Save again to retry.`);
    }
  }

  private async upload(s: Session, key: string, condition: { ifMatch?: string; ifNoneMatch?: boolean }): Promise<void> {
    const { connectionId, bucket } = s.view;
    const body = await readFile(s.view.localPath);
    const hash = await hashFile(s.view.localPath);
    this.update(s, 'uploading', null);
    let etag = '';
    try {
      await this.transfers.runJob({
        direction: 'upload',
        connectionId,
        bucket,
        key,
        localPath: s.view.localPath,
        size: body.length,
        note: 'saved from the editor',
        run: async (job) => {
          etag = await putObject({ client: this.ctx.clientFor(connectionId, bucket), bucket, key, body, ...condition, contentType: s.contentType, metadata: s.metadata, signal: job.signal });
          job.progress(body.length);
          return 'done';
        },
      });
    } catch (error) {
      const e = toAppError(error, key);
      if (e.code === 'Conflict' && condition.ifMatch) this.update(s, 'conflict', `${key} was changed on the server since you opened it.`);
      else this.update(s, 'failed', `The save could not be uploaded: ${e.message}.`);
      throw error;
    }
    this.ctx.invalidate(connectionId, bucket, [{ key, change: 'put' }]);
    s.hash = hash;
    s.view = { ...s.view, etag, uploads: s.view.uploads + 1 };
    this.update(s, 'open', null);
  }

  private update(s: Session, state: EditState, message: string | null): void {
    s.view = { ...s.view, state, message };
    this.emit(s);
  }

  private emit(s: Session): void {
    if (this.sessions.has(s.view.id)) this.ctx.events('edit:changed', s.view);
  }
}
