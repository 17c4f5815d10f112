import { describe, expect, it } from 'vitest';
import type { Result } from '../../../../shared/errors';
import type { EditSession } from '../../../../shared/open-edit';
import { asking, createEditsStore, type EditsApi } from './edits-store';

const ok = <T>(value: T): Promise<Result<T>> => Promise.resolve({ ok: true, value });
const session = (id: string, state: EditSession['state']): EditSession => ({
  id, connectionId: 'c1', bucket: 'b', key: `docs/${id}.txt`, edit: true, localPath: `/tmp/${id}.txt`, state, etag: '"e"', uploads: 0, message: null,
});

function fake(existing: EditSession[] = []) {
  const changed = new Set<(s: EditSession) => void>();
  const ended = new Set<(e: { id: string }) => void>();
  const calls: unknown[] = [];
  const api: EditsApi = {
    listEdits: () => ok({ sessions: existing }),
    resolveEdit: (req) => (calls.push(req), ok(req.choice === 'discard' ? null : session(req.sessionId, 'open'))),
    finishEdit: (req) => (calls.push(req), ok({ finished: true })),
    onEditChanged: (l) => (changed.add(l), () => changed.delete(l)),
    onEditEnded: (l) => (ended.add(l), () => ended.delete(l)),
  };
  return { api, calls, change: (s: EditSession) => changed.forEach((l) => l(s)), end: (id: string) => ended.forEach((l) => l({ id })), listeners: () => changed.size + ended.size };
}

describe('edits store', () => {
  it('asks about a conflict or a deletion, once per state change, and settles it with main', async () => {
    const f = fake([session('a', 'open')]);
    const s = createEditsStore(f.api);
    const stop = s.getState().start();
    await expect.poll(() => s.getState().sessions.length).toBe(1);
    expect(asking(s.getState())).toBeNull();

    f.change(session('a', 'conflict'));
    expect(asking(s.getState())?.id).toBe('a');
    s.getState().putOff('a');
    expect(asking(s.getState())).toBeNull();
    // The next question about it (now a deletion) is asked again.
    f.change(session('a', 'deleted'));
    expect(asking(s.getState())?.state).toBe('deleted');

    await s.getState().resolve('a', 'save-as', 'docs/a (edited).txt');
    expect(f.calls).toEqual([{ sessionId: 'a', choice: 'save-as', newKey: 'docs/a (edited).txt' }]);
    expect(asking(s.getState())).toBeNull();

    f.change(session('b', 'conflict'));
    await s.getState().resolve('b', 'discard');
    expect(s.getState().sessions.map((e) => e.id)).toEqual(['a']);
    f.end('a');
    expect(s.getState().sessions).toEqual([]);
    stop();
    expect(f.listeners()).toBe(0);
  });
});
