import { describe, expect, it } from 'vitest';
import { ok } from '../../../../shared/errors';
import { parseDragStreamUrl, type DragOptions } from '../../../../shared/drag-stream';
import type { StageOutcome } from '../../../../shared/transfers';
import type { UserError } from '../../lib/call';
import { createDragOut } from './drag-out';

const LINUX: DragOptions = { streamAboveBytes: null, stageLimitBytes: 100 };

function fake(outcome: StageOutcome, options: DragOptions = LINUX) {
  const calls: Array<[string, unknown]> = [];
  const api = {
    dragOptions: async () => ok(options),
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
    const messages: (string | UserError)[] = [];
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
    const messages: (string | UserError)[] = [];
    await createDragOut(f.api as never, (m) => messages.push(m)).begin(loc, items);
    expect(f.calls.map(([n]) => n)).toEqual(['stage']);
    expect(messages).toEqual(['Too big; use Download instead.']);
  });

  describe('DownloadURL (one large file where main allows it)', () => {
    const WINDOWS: DragOptions = { streamAboveBytes: 1000, stageLimitBytes: 100 };
    const sizes: Record<string, number> = { 'big.iso': 5000, 'edge.bin': 1000, 'small.txt': 999 };
    const sizeOf = (key: string) => sizes[key];
    // The options arrive from main asynchronously, once, when the drag-out client is created.
    const ready = async (options: DragOptions) => {
      const f = fake({ status: 'ready', stageId: 's', files: 1, bytes: 1, refused: [] }, options);
      const drag = createDragOut(f.api as never, () => {});
      await Promise.resolve();
      await Promise.resolve();
      return { drag, f };
    };

    it('gives the drag data for one file at or above the threshold, naming that object and nothing staged', async () => {
      const { drag, f } = await ready(WINDOWS);
      for (const key of ['big.iso', 'edge.bin']) {
        const data = drag.streamData(loc, [{ key, kind: 'object' }], sizeOf);
        expect(data).toMatch(new RegExp(`^application/octet-stream:${key.replace('.', '\\.')}:s3desk-drag://`));
        expect(parseDragStreamUrl(data!.slice(data!.indexOf(':', 'application/octet-stream:'.length) + 1))).toEqual({ connectionId: 'c', bucket: 'b', key });
      }
      expect(f.calls).toEqual([]);
    });

    it('stages everything else: small files, several items, folders, unknown sizes', async () => {
      const { drag } = await ready(WINDOWS);
      expect(drag.streamData(loc, [{ key: 'small.txt', kind: 'object' }], sizeOf)).toBeNull();
      expect(drag.streamData(loc, [{ key: 'big.iso', kind: 'object' }, { key: 'edge.bin', kind: 'object' }], sizeOf)).toBeNull();
      expect(drag.streamData(loc, [{ key: 'big.iso/', kind: 'folder' }], sizeOf)).toBeNull();
      expect(drag.streamData(loc, [{ key: 'not-listed.bin', kind: 'object' }], sizeOf)).toBeNull();
    });

    it('never streams where main says Chromium cannot (Linux), nor before main answered', async () => {
      const { drag } = await ready(LINUX);
      expect(drag.streamData(loc, [{ key: 'big.iso', kind: 'object' }], sizeOf)).toBeNull();
      const early = createDragOut(fake({ status: 'ready', stageId: 's', files: 1, bytes: 1, refused: [] }, WINDOWS).api as never, () => {});
      expect(early.streamData(loc, [{ key: 'big.iso', kind: 'object' }], sizeOf)).toBeNull();
    });
  });
});
