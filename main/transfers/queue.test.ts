import { describe, expect, it } from 'vitest';
import type { TransferBatchEvent, TransferProgressEvent } from '../../shared/transfers';
import { type JobContext, type JobSpec, TransferQueue } from './queue';

/** A job the test finishes by hand. */
function manualJob(key: string, size = 10) {
  let finish!: (outcome: 'done' | 'skipped') => void;
  let fail!: (e: Error) => void;
  let ctx!: JobContext;
  const started = { count: 0 };
  const spec: JobSpec = {
    direction: 'download',
    connectionId: 'c',
    bucket: 'b',
    key,
    localPath: null,
    size,
    run: (c) => {
      started.count++;
      ctx = c;
      return new Promise((resolve, reject) => {
        finish = resolve;
        fail = reject;
        c.signal.addEventListener('abort', () => reject(new Error('aborted')));
      });
    },
  };
  return { spec, started, finish: (o: 'done' | 'skipped' = 'done') => finish(o), fail: (e: Error) => fail(e), ctx: () => ctx };
}

function makeQueue(concurrency = 2) {
  const events: TransferProgressEvent[] = [];
  const batches: TransferBatchEvent[] = [];
  const queue = new TransferQueue({
    concurrency,
    throttleMs: 10_000, // only explicit flushes and batch ends emit in these tests
    onProgress: (e) => events.push(e),
    onBatchDone: (e) => batches.push(e),
    toError: (e) => ({ code: 'Unknown', message: String((e as Error).message) }),
  });
  return { queue, events, batches };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('TransferQueue', () => {
  it('pauses queued and running items without settling their batch, and resumes them in order', async () => {
    const { queue, batches } = makeQueue(1);
    const jobs = [manualJob('a'), manualJob('b'), manualJob('c')];
    let discarded = 0;
    const specs = jobs.map((j) => ({ ...j.spec, discard: () => void discarded++ }));
    const { ids } = queue.add(specs, 'download');
    await tick();
    jobs[0]!.ctx().progress(4);
    expect(queue.pause([ids[0]!, ids[1]!])).toBe(2);
    expect(jobs[0]!.ctx().signal.reason).toBe('paused');
    await tick();
    // The paused slot goes to the next item that was not paused.
    expect(ids.map((id) => queue.get(id)?.state)).toEqual(['paused', 'paused', 'running']);
    expect(queue.list().totals).toMatchObject({ paused: 2, running: 1 });
    jobs[2]!.finish();
    await queue.whenIdle();
    expect(batches).toEqual([]);
    expect(queue.resume([ids[0]!])).toBe(1);
    await tick();
    expect(jobs[0]!.started.count).toBe(2);
    // The job reports what it kept again, so the counter starts over.
    expect(queue.get(ids[0]!)).toMatchObject({ state: 'running', transferred: 0 });
    jobs[0]!.finish();
    expect(queue.resume([ids[0]!])).toBe(0);
    // Cancelling a paused item settles it and lets it drop what it kept.
    expect(queue.cancel([ids[1]!])).toBe(1);
    expect(discarded).toBe(1);
    await queue.whenIdle();
    expect(batches).toEqual([expect.objectContaining({ done: 2, cancelled: 1 })]);
  });

  it('a job that gives its slot back lets the next one start, and stays running until it returns', async () => {
    const { queue } = makeQueue(1);
    const jobs = [manualJob('a'), manualJob('b')];
    queue.add(jobs.map((j) => j.spec), 'upload');
    await tick();
    expect(jobs.map((j) => j.started.count)).toEqual([1, 0]);
    jobs[0]!.ctx().releaseSlot();
    jobs[0]!.ctx().releaseSlot(); // twice is once
    await tick();
    expect(jobs.map((j) => j.started.count)).toEqual([1, 1]);
    expect(queue.list().totals).toMatchObject({ running: 2, queued: 0 });
    let idle = false;
    void queue.whenIdle().then(() => (idle = true));
    jobs[1]!.finish();
    await tick();
    expect(idle).toBe(false);
    expect(queue.get(queue.list().items[0]!.id)?.state).toBe('running');
    jobs[0]!.finish();
    await queue.whenIdle();
    expect(queue.list().totals).toMatchObject({ done: 2, running: 0 });
  });

  it('runs at most `concurrency` jobs at once, in order', async () => {
    const { queue } = makeQueue(2);
    const jobs = [manualJob('a'), manualJob('b'), manualJob('c')];
    queue.add(jobs.map((j) => j.spec), 'download');
    await tick();
    expect(jobs.map((j) => j.started.count)).toEqual([1, 1, 0]);
    expect(queue.list().totals).toMatchObject({ running: 2, queued: 1 });
    jobs[0]!.finish();
    await tick();
    expect(jobs[2]!.started.count).toBe(1);
    jobs[1]!.finish();
    jobs[2]!.finish('skipped');
    await queue.whenIdle();
    expect(queue.list().totals).toMatchObject({ done: 2, skipped: 1, running: 0, queued: 0 });
  });

  it('cancels queued and running items, reports the batch, and retries them', async () => {
    const { queue, batches } = makeQueue(1);
    const jobs = [manualJob('a'), manualJob('b')];
    const { ids } = queue.add(jobs.map((j) => j.spec), 'download');
    await tick();
    expect(queue.cancel()).toBe(2);
    await queue.whenIdle();
    expect(ids.map((id) => queue.get(id)?.state)).toEqual(['cancelled', 'cancelled']);
    expect(jobs[1]!.started.count).toBe(0);
    expect(batches).toEqual([expect.objectContaining({ cancelled: 2, done: 0 })]);

    expect(queue.retry([ids[1]!])).toBe(1);
    await tick();
    expect(jobs[1]!.started.count).toBe(1);
    jobs[1]!.finish();
    await queue.whenIdle();
    expect(queue.get(ids[1]!)?.state).toBe('done');
    expect(batches).toHaveLength(2);
  });

  it('records failures with their error, retries only failed ones, and clears finished', async () => {
    const { queue } = makeQueue(4);
    const jobs = [manualJob('ok'), manualJob('bad')];
    const { ids } = queue.add(jobs.map((j) => j.spec), 'upload');
    await tick();
    jobs[0]!.finish();
    jobs[1]!.fail(new Error('boom'));
    await queue.whenIdle();
    expect(queue.get(ids[1]!)).toMatchObject({ state: 'failed', error: { code: 'Unknown', message: 'boom' } });
    expect(queue.clearFinished()).toBe(1);
    expect(queue.list().items.map((i) => i.key)).toEqual(['bad']);
    expect(queue.retry()).toBe(1);
    await tick();
    jobs[1]!.finish();
    await queue.whenIdle();
    expect(queue.clearFinished()).toBe(1);
    expect(queue.list().items).toEqual([]);
  });

  it('sends only changed items in progress events, with totals, bytes and removals', async () => {
    const { queue, events } = makeQueue(1);
    const jobs = [manualJob('a', 100), manualJob('b', 50)];
    queue.add(jobs.map((j) => j.spec), 'download');
    await tick();
    queue.flush();
    expect(events.at(-1)!.items.map((i) => i.key).sort()).toEqual(['a', 'b']);
    jobs[0]!.ctx().progress(40);
    queue.flush();
    const last = events.at(-1)!;
    expect(last.items.map((i) => [i.key, i.transferred])).toEqual([['a', 40]]);
    expect(last.totals).toMatchObject({ items: 2, running: 1, queued: 1, bytesTotal: 150, bytesTransferred: 40 });
    jobs[0]!.finish();
    await tick();
    jobs[1]!.finish();
    await queue.whenIdle();
    queue.clearFinished();
    queue.flush();
    expect(events.at(-1)!.removed).toHaveLength(2);
  });

  it('holds 10,000 queued items and emits a bounded number of events', async () => {
    const { queue, events } = makeQueue(4);
    const specs: JobSpec[] = Array.from({ length: 10_000 }, (_, i) => ({
      direction: 'download',
      connectionId: 'c',
      bucket: 'b',
      key: `k${i}`,
      localPath: null,
      size: 1,
      run: async (ctx) => {
        ctx.progress(1);
        return 'done';
      },
    }));
    queue.add(specs, 'download');
    await queue.whenIdle();
    expect(queue.list().totals).toMatchObject({ items: 10_000, done: 10_000, bytesTransferred: 10_000 });
    // The batch end flushed once with every item; no event per item.
    expect(events.length).toBeLessThanOrEqual(2);
  });
});
