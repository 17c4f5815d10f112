import { describe, expect, it } from 'vitest';
import { ok } from '../../../../shared/errors';
import type { StageOutcome } from '../../../../shared/transfers';
import { createDragOut } from './drag-out';

function fake(outcome: StageOutcome) {
  const calls: Array<[string, unknown]> = [];
  const api = {
    stageDrag: async (r: unknown) => (calls.push(['stage', r]), ok(outcome)),
    startDrag: async (r: unknown) => (calls.push(['start', r]), ok({ paths: ['/tmp/x'] })),
    endDrag: async (r: unknown) => (calls.push(['end', r]), ok({})),
  };
  return { api, calls };
}

// A location with extra fields (the table passes its prefix too): only connection and bucket go to main.
const loc = { connectionId: 'c', bucket: 'b', prefix: 'p/' };
const items = [{ key: 'a.txt', kind: 'object' as const }];

describe('drag-out', () => {
  it('stages once per selection (prepare then begin), then starts and ends the native drag', async () => {
    const f = fake({ status: 'ready', stageId: 's1', files: 1, bytes: 3, refused: [] });
    const messages: string[] = [];
    const drag = createDragOut(f.api as never, (m) => messages.push(m));
    void drag.prepare(loc, items);
    await drag.begin(loc, items);
    expect(f.calls).toEqual([
      ['stage', { connectionId: 'c', bucket: 'b', items }],
      ['start', { stageId: 's1' }],
      ['end', { stageId: 's1' }],
    ]);
    expect(messages).toEqual([]);
  });

  it('does not start a drag for selections over the limit, and says why', async () => {
    const f = fake({ status: 'too-large', bytes: 10, limit: 5, message: 'Too big; use Download instead.' });
    const messages: string[] = [];
    await createDragOut(f.api as never, (m) => messages.push(m)).begin(loc, items);
    expect(f.calls.map(([n]) => n)).toEqual(['stage']);
    expect(messages).toEqual(['Too big; use Download instead.']);
  });
});
