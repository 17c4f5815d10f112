/**
 * Open / Edit against a real server (both lanes): the temp copy comes through the transfer queue, each save on
 * disk goes back with one conditional PutObject, and a change or deletion on the server stops the upload until
 * the user chooses. The OS default app is a recording port.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EditSession, EditState } from '../../shared/open-edit';
import type { EventChannel } from '../../shared/ipc';
import { type CoreFixture, startCoreFixture, unwrap } from '../../testkit/core-fixture';
import { currentLane } from '../../testkit/s3-lane';
import { CodedError } from '../core/app-error';
import { headObject, putObject } from './save-back';

const BUCKET = 'edit-bucket';
const opened: string[] = [];
const events: Array<{ channel: EventChannel; payload: unknown }> = [];
const waiters = new Set<() => void>();
let f: CoreFixture;

beforeAll(async () => {
  f = await startCoreFixture({
    events: (channel, payload) => {
      events.push({ channel, payload });
      for (const w of waiters) w();
    },
    openEdit: { port: { openPath: (p) => (opened.push(p), Promise.resolve('')) }, settleMs: 50 },
  });
  await f.server.createBucket(BUCKET).catch(() => {});
}, 60_000);
afterAll(() => f.close());
beforeEach(() => {
  events.length = 0;
  opened.length = 0;
});

/** Resolves when the session reaches `state` (by its events, never by time). */
function reaches(id: string, state: EditState, after = 0): Promise<EditSession> {
  return new Promise((resolve) => {
    const check = () => {
      const hit = events.slice(after).find((e) => e.channel === 'edit:changed' && (e.payload as EditSession).id === id && (e.payload as EditSession).state === state);
      if (hit) {
        waiters.delete(check);
        resolve(hit.payload as EditSession);
      }
    };
    waiters.add(check);
    check();
  });
}

const open = (key: string, edit = true) => f.core.handlers['edit:open']({ connectionId: f.connectionId, bucket: BUCKET, key, edit });

/** Another client changing the object behind the app's back. */
async function otherClientPuts(key: string, body: string) {
  const other = new S3Client({ endpoint: f.server.url, region: f.server.region, forcePathStyle: true, credentials: f.server.credentials });
  await other.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));
  other.destroy();
}

describe.runIf(currentLane() === 'rgw')('the conditional write itself (RGW honours If-Match on PUT, bare ETag; runs first, so the client has learned that)', () => {
  it('refuses a PUT whose If-Match no longer holds with a Conflict, and accepts the current ETag', async () => {
    await f.server.seed(BUCKET, [['cond.txt', 'one']]);
    const client = f.core.context.clientFor(f.connectionId, BUCKET);
    const put = (ifMatch: string, body: string) =>
      putObject({ client, bucket: BUCKET, key: 'cond.txt', body: Buffer.from(body), ifMatch, contentType: null, metadata: {}, signal: new AbortController().signal });
    const stale = await put('"0123456789abcdef0123456789abcdef"', 'stale').catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(CodedError);
    expect((stale as CodedError).appError.code).toBe('Conflict');
    expect((await f.server.body(BUCKET, 'cond.txt')).toString()).toBe('one');
    const head = await headObject(client, BUCKET, 'cond.txt');
    await put(head!.etag, 'two');
    expect((await f.server.body(BUCKET, 'cond.txt')).toString()).toBe('two');
  });
});

describe('edit and save back', () => {
  it('opens a verified temp copy through the transfer queue and uploads each save with one conditional PUT', async () => {
    await f.server.seed(BUCKET, [['notes/todo.txt', 'buy milk\n']]);
    const session = unwrap(await open('notes/todo.txt'));
    expect(session).toMatchObject({ state: 'open', edit: true, key: 'notes/todo.txt' });
    expect(opened).toEqual([session.localPath]);
    expect(session.localPath.endsWith('todo.txt')).toBe(true);
    expect(await readFile(session.localPath, 'utf8')).toBe('buy milk\n');
    // The download is a transfer-panel item, done.
    expect(f.core.transfers.list().items.find((i) => i.localPath === session.localPath)).toMatchObject({ direction: 'download', state: 'done' });

    f.proxy.reset();
    const mark = events.length;
    await writeFile(session.localPath, 'buy milk\nand eggs\n');
    await reaches(session.id, 'uploading', mark);
    const saved = await reaches(session.id, 'open', mark);
    await f.core.edits.settled();
    expect((await f.server.body(BUCKET, 'notes/todo.txt')).toString()).toBe('buy milk\nand eggs\n');
    expect(f.proxy.count('HeadObject')).toBe(1);
    expect(f.proxy.count('PutObject')).toBe(1);
    // The PUT carried the ETag it was based on: a server that honours it refuses a change that slipped in.
    // (RGW wants the bare ETag: after one refused quoted PUT the client sends it bare, so one PUT here.)
    const ifMatch = f.proxy.log.find((r) => r.operation === 'PutObject')?.headers['if-match'];
    expect(ifMatch === session.etag || `"${String(ifMatch)}"` === session.etag).toBe(true);
    const after = unwrap(await f.core.handlers['edit:list']({})).sessions.find((s) => s.id === session.id)!;
    expect(after.uploads).toBe(1);
    expect(after.etag).not.toBe(session.etag);
    expect(saved.id).toBe(session.id);
    // The upload showed in the transfer panel too.
    expect(f.core.transfers.list().items.some((i) => i.direction === 'upload' && i.key === 'notes/todo.txt' && i.state === 'done')).toBe(true);

    // Finishing removes the temp copy.
    expect(unwrap(await f.core.handlers['edit:finish']({ sessionId: session.id }))).toEqual({ finished: true });
    expect(existsSync(session.localPath)).toBe(false);
  });

  it('does not upload over a change made on the server; overwrite, or save as a new key, on request', async () => {
    await f.server.seed(BUCKET, [['shared/plan.md', '# v1\n']]);
    const session = unwrap(await open('shared/plan.md'));
    await otherClientPuts('shared/plan.md', '# v2 from a colleague\n');
    f.proxy.reset();
    const mark = events.length;
    await writeFile(session.localPath, '# v1, my edit\n');
    const conflict = await reaches(session.id, 'conflict', mark);
    expect(conflict.message).toContain('changed on the server');
    expect(f.proxy.count('PutObject')).toBe(0);
    expect((await f.server.body(BUCKET, 'shared/plan.md')).toString()).toBe('# v2 from a colleague\n');

    // Save as a new key: the colleague's version stays, mine goes beside it, and the edit follows it.
    const saved = unwrap(await f.core.handlers['edit:resolve']({ sessionId: session.id, choice: 'save-as', newKey: 'shared/plan (edited).md' }));
    expect(saved).toMatchObject({ state: 'open', key: 'shared/plan (edited).md', uploads: 1 });
    expect((await f.server.body(BUCKET, 'shared/plan (edited).md')).toString()).toBe('# v1, my edit\n');
    expect((await f.server.body(BUCKET, 'shared/plan.md')).toString()).toBe('# v2 from a colleague\n');
    await f.core.handlers['edit:finish']({ sessionId: session.id });

    // Overwrite: my copy replaces the colleague's change, conditional on the state just seen.
    const second = unwrap(await open('shared/plan.md'));
    await otherClientPuts('shared/plan.md', '# v3\n');
    const mark2 = events.length;
    await writeFile(second.localPath, '# mine wins\n');
    await reaches(second.id, 'conflict', mark2);
    const over = unwrap(await f.core.handlers['edit:resolve']({ sessionId: second.id, choice: 'overwrite' }));
    expect(over).toMatchObject({ state: 'open', uploads: 1 });
    expect((await f.server.body(BUCKET, 'shared/plan.md')).toString()).toBe('# mine wins\n');

    // Discard ends the edit and removes the copy without uploading.
    await otherClientPuts('shared/plan.md', '# v4\n');
    const mark3 = events.length;
    await writeFile(second.localPath, '# never mind\n');
    await reaches(second.id, 'conflict', mark3);
    expect(unwrap(await f.core.handlers['edit:resolve']({ sessionId: second.id, choice: 'discard' }))).toBeNull();
    expect(existsSync(second.localPath)).toBe(false);
    expect((await f.server.body(BUCKET, 'shared/plan.md')).toString()).toBe('# v4\n');
  });

  it('uploads a file deleted on the server meanwhile only after the user confirms', async () => {
    await f.server.seed(BUCKET, [['gone.txt', 'here\n']]);
    const session = unwrap(await open('gone.txt'));
    await f.server.deleteObject(BUCKET, 'gone.txt');
    const mark = events.length;
    f.proxy.reset();
    await writeFile(session.localPath, 'still here\n');
    const deleted = await reaches(session.id, 'deleted', mark);
    expect(deleted.message).toContain('deleted on the server');
    expect(f.proxy.count('PutObject')).toBe(0);
    expect(await f.server.keys(BUCKET, 'gone')).toEqual([]);
    unwrap(await f.core.handlers['edit:resolve']({ sessionId: session.id, choice: 'overwrite' }));
    expect((await f.server.body(BUCKET, 'gone.txt')).toString()).toBe('still here\n');
  });

  it('an unchanged save (a touch) uploads nothing; Open without edit never uploads', async () => {
    await f.server.seed(BUCKET, [['same.txt', 'same\n']]);
    const view = unwrap(await open('same.txt', false));
    expect(view.edit).toBe(false);
    const edit = unwrap(await open('same.txt'));
    f.proxy.reset();
    await writeFile(edit.localPath, 'same\n');
    expect(await f.core.edits.checkNow(edit.id)).toMatchObject({ state: 'open', uploads: 0 });
    expect(f.proxy.count('PutObject')).toBe(0);
    // The view-only copy changes too; by the time the edit's own save went up, it has uploaded nothing.
    const mark = events.length;
    await writeFile(view.localPath, 'changed, but only viewed\n');
    await writeFile(edit.localPath, 'edited\n');
    await reaches(edit.id, 'uploading', mark);
    await reaches(edit.id, 'open', mark);
    expect(events.slice(mark).filter((e) => (e.payload as EditSession).id === view.id)).toEqual([]);
    expect(f.proxy.count('PutObject')).toBe(1);
    await expect(f.core.edits.checkNow(view.id)).rejects.toThrow('opened to view');
  });

  it('refuses a missing object and a folder with closed codes', async () => {
    const missing = await open('nope.txt');
    expect(missing.ok ? null : missing.error.code).toBe('NoSuchKey');
    const folder = await open('notes/');
    expect(folder.ok ? null : folder.error.code).toBe('InvalidInput');
  });
});
