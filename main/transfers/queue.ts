/**
 * The transfer queue: ids, bounded concurrency, pause, cancel, retry, clear, and throttled progress. Items are plain
 * records in a Map and a FIFO of ids, so 10,000 queued files cost a few MB and O(1) per step; progress events
 * carry only the items that changed since the last event, a few times a second. About 470 lines because
 * pause, cancel, retry, clear and the batch counters all change the same item records and must stay in step.
 */
import { randomUUID } from 'node:crypto';
import type { AppError } from '../../shared/errors';
import type { TransferBatchEvent, TransferDirection, TransferItem, TransferProgressEvent, TransferState, TransferTotals } from '../../shared/transfers';

export interface JobContext {
  readonly signal: AbortSignal;
  /** Report newly transferred bytes. */
  readonly progress: (delta: number) => void;
  /** Set the total size once known. */
  readonly setSize: (size: number) => void;
  readonly setNote: (note: string | null) => void;
  readonly setLocalPath: (localPath: string) => void;
  /**
   * The job's transfer work is over and only bookkeeping remains (e.g. waiting for its coalesced cache
   * invalidation): its concurrency slot goes to the next item now, while this item stays running until it returns.
   */
  readonly releaseSlot: () => void;
}

/** What the job did: 'done', or 'skipped' (e.g. the target existed and the policy said skip). */
export type JobOutcome = 'done' | 'skipped';

export interface JobSpec {
  readonly direction: TransferDirection;
  readonly connectionId: string;
  readonly bucket: string;
  readonly key: string;
  readonly localPath: string | null;
  readonly size: number | null;
  readonly note?: string | null;
  /** Runs the transfer; may run again on retry, so it must start from a clean slate each time. */
  readonly run: (ctx: JobContext) => Promise<JobOutcome>;
  /** Called once when the item leaves the queue for good (cleared): temp files of streamed uploads go. */
  readonly dispose?: () => void;
  /** Called when a paused item is cancelled (it has no run to tell): what it kept for resuming goes. */
  readonly discard?: () => void;
}

/** The abort reason of a pause: a job that sees it keeps what it did (part files, uploaded parts). */
export const PAUSE_REASON = 'paused';

export function isPaused(signal: AbortSignal): boolean {
  return signal.aborted && signal.reason === PAUSE_REASON;
}

interface Record_ {
  readonly id: string;
  readonly batchId: string;
  readonly spec: JobSpec;
  localPath: string | null;
  size: number | null;
  transferred: number;
  state: TransferState;
  error: AppError | null;
  note: string | null;
  rate: number;
  lastSampleBytes: number;
  controller: AbortController | null;
  /** A pause was asked for while it ran: it becomes 'paused' when its job returns. */
  pausing: boolean;
}

interface Batch {
  readonly id: string;
  readonly direction: TransferDirection;
  readonly ids: string[];
  open: number;
}

export interface QueueOptions {
  /** Files transferred at once. */
  readonly concurrency: number;
  readonly throttleMs: number;
  readonly onProgress: (event: TransferProgressEvent) => void;
  readonly onBatchDone?: (event: TransferBatchEvent) => void;
  /** Maps a thrown error to the item's error (never lets an error pass as success). */
  readonly toError: (error: unknown) => AppError;
}

const TERMINAL: ReadonlySet<TransferState> = new Set(['done', 'failed', 'cancelled', 'skipped']);
/** Smoothing of rates between ticks (0..1, higher = follows changes faster). */
const RATE_ALPHA = 0.3;

export class TransferQueue {
  private readonly items = new Map<string, Record_>();
  private readonly batches = new Map<string, Batch>();
  private pending: string[] = [];
  private pendingHead = 0;
  /** Concurrency slots in use. */
  private running = 0;
  /** Jobs started and not yet settled (≥ running: a job may give its slot back before it returns). */
  private inFlight = 0;
  private readonly dirty = new Set<string>();
  private readonly removed: string[] = [];
  private timer: NodeJS.Timeout | null = null;
  private lastTick = Date.now();
  private overallRate = 0;
  private bytesSinceTick = 0;
  private idleWaiters: Array<() => void> = [];
  private readonly settleWaiters = new Map<string, Array<(item: TransferItem) => void>>();

  /** Files at once; the Settings page changes it while transfers run. */
  private concurrency: number;

  constructor(private readonly options: QueueOptions) {
    this.concurrency = options.concurrency;
  }

  /** A new limit applies at once: a higher one starts queued items now, a lower one lets running ones finish. */
  setConcurrency(concurrency: number): void {
    this.concurrency = concurrency;
    this.pump();
  }

  /** Queue jobs as one batch; returns the batch id and item ids in order. */
  add(jobs: readonly JobSpec[], direction: TransferDirection): { batchId: string; ids: string[] } {
    const batchId = randomUUID();
    const ids: string[] = [];
    for (const spec of jobs) {
      const id = randomUUID();
      this.items.set(id, {
        id,
        batchId,
        spec,
        localPath: spec.localPath,
        size: spec.size,
        transferred: 0,
        state: 'queued',
        error: null,
        note: spec.note ?? null,
        rate: 0,
        lastSampleBytes: 0,
        controller: null,
        pausing: false,
      });
      ids.push(id);
      this.pending.push(id);
      this.dirty.add(id);
    }
    this.batches.set(batchId, { id: batchId, direction, ids, open: ids.length });
    this.pump();
    this.schedule();
    if (ids.length === 0) this.finishBatch(this.batches.get(batchId)!);
    return { batchId, ids };
  }

  list(): { items: TransferItem[]; totals: TransferTotals } {
    return { items: [...this.items.values()].map(view), totals: this.totals() };
  }

  get(id: string): TransferItem | undefined {
    const r = this.items.get(id);
    return r ? view(r) : undefined;
  }

  /** Pause the given items (default: everything queued or running); running jobs stop and keep their work. */
  pause(ids?: readonly string[]): number {
    let n = 0;
    for (const r of this.select(ids)) {
      if (r.state === 'queued') {
        r.state = 'paused';
        this.dirty.add(r.id);
        n++;
      } else if (r.state === 'running' && !r.pausing) {
        r.pausing = true;
        r.controller?.abort(PAUSE_REASON);
        n++;
      }
    }
    this.pump();
    this.schedule();
    return n;
  }

  /** Queue paused items again (default: all of them); they go on from what they kept. */
  resume(ids?: readonly string[]): number {
    let n = 0;
    for (const r of this.select(ids)) {
      if (r.state !== 'paused') continue;
      r.state = 'queued';
      // The job reports what it kept again when it starts.
      r.transferred = 0;
      r.rate = 0;
      r.lastSampleBytes = 0;
      this.pending.push(r.id);
      this.dirty.add(r.id);
      n++;
    }
    this.pump();
    this.schedule();
    return n;
  }

  /** Cancel the given items (default: everything not finished). */
  cancel(ids?: readonly string[]): number {
    let n = 0;
    for (const r of this.select(ids)) {
      if (r.state === 'paused') {
        this.settle(r, 'cancelled', null);
        r.spec.discard?.();
        n++;
      } else if (r.state === 'queued') {
        this.settle(r, 'cancelled', null);
        n++;
      } else if (r.state === 'running') {
        r.controller?.abort();
        n++;
      }
    }
    this.schedule();
    return n;
  }

  /** Queue failed (and cancelled) items again (default: all of them). */
  retry(ids?: readonly string[]): number {
    let n = 0;
    for (const r of this.select(ids)) {
      if (r.state !== 'failed' && r.state !== 'cancelled') continue;
      r.state = 'queued';
      r.error = null;
      r.transferred = 0;
      r.rate = 0;
      r.lastSampleBytes = 0;
      const batch = this.batches.get(r.batchId);
      if (batch) batch.open++;
      this.pending.push(r.id);
      this.dirty.add(r.id);
      n++;
    }
    this.pump();
    this.schedule();
    return n;
  }

  /** Forget finished items (done, skipped, cancelled); failed ones stay for retry unless `includeFailed`. */
  clearFinished(includeFailed = false): number {
    let n = 0;
    for (const r of [...this.items.values()]) {
      const finished = r.state === 'done' || r.state === 'skipped' || r.state === 'cancelled' || (includeFailed && r.state === 'failed');
      if (!finished) continue;
      this.items.delete(r.id);
      this.dirty.delete(r.id);
      this.removed.push(r.id);
      r.spec.dispose?.();
      n++;
    }
    for (const [id, batch] of this.batches) if (!batch.ids.some((i) => this.items.has(i))) this.batches.delete(id);
    this.schedule();
    return n;
  }

  /** Resolves when nothing is queued or running (tests and the drag stager wait on this, never on time). */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Resolves with the item once it is done, skipped, failed or cancelled (undefined for an unknown id). */
  whenSettled(id: string): Promise<TransferItem | undefined> {
    const r = this.items.get(id);
    if (!r || TERMINAL.has(r.state)) return Promise.resolve(r ? view(r) : undefined);
    return new Promise((resolve) => {
      const waiters = this.settleWaiters.get(id) ?? [];
      waiters.push(resolve);
      this.settleWaiters.set(id, waiters);
    });
  }

  /** Push the pending progress event now (also used before reporting a batch as done). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.tick();
  }

  dispose(): void {
    this.cancel();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const r of this.items.values()) r.spec.dispose?.();
  }

  private isIdle(): boolean {
    return this.inFlight === 0 && this.pendingHead >= this.pending.length;
  }

  private select(ids?: readonly string[]): Record_[] {
    if (!ids) return [...this.items.values()];
    return ids.flatMap((id) => this.items.get(id) ?? []);
  }

  private pump(): void {
    while (this.running < this.concurrency && this.pendingHead < this.pending.length) {
      const id = this.pending[this.pendingHead++]!;
      const r = this.items.get(id);
      if (!r || r.state !== 'queued') continue;
      void this.start(r);
    }
    // Compact the FIFO now and then so a long-lived queue does not keep every id ever queued.
    if (this.pendingHead > 4096 && this.pendingHead * 2 > this.pending.length) {
      this.pending = this.pending.slice(this.pendingHead);
      this.pendingHead = 0;
    }
    if (this.isIdle()) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of waiters) w();
    }
  }

  private async start(r: Record_): Promise<void> {
    this.running++;
    this.inFlight++;
    let holdsSlot = true;
    r.state = 'running';
    const controller = new AbortController();
    r.controller = controller;
    this.dirty.add(r.id);
    const ctx: JobContext = {
      signal: controller.signal,
      progress: (delta) => {
        r.transferred += delta;
        this.bytesSinceTick += delta;
        this.dirty.add(r.id);
      },
      setSize: (size) => {
        r.size = size;
        this.dirty.add(r.id);
      },
      setNote: (note) => {
        r.note = note;
        this.dirty.add(r.id);
      },
      setLocalPath: (p) => {
        r.localPath = p;
        this.dirty.add(r.id);
      },
      releaseSlot: () => {
        if (!holdsSlot) return;
        holdsSlot = false;
        this.running--;
        this.pump();
      },
    };
    try {
      const outcome = await r.spec.run(ctx);
      if (isPaused(controller.signal)) this.park(r);
      else if (controller.signal.aborted) this.settle(r, 'cancelled', null);
      else this.settle(r, outcome, null);
    } catch (error) {
      if (isPaused(controller.signal)) this.park(r);
      else if (controller.signal.aborted) this.settle(r, 'cancelled', null);
      else this.settle(r, 'failed', this.options.toError(error));
    } finally {
      r.controller = null;
      if (holdsSlot) this.running--;
      this.inFlight--;
      this.pump();
      this.schedule();
    }
  }

  /** A paused job returned: not settled (its batch stays open until it is resumed or cancelled). */
  private park(r: Record_): void {
    r.pausing = false;
    r.state = 'paused';
    r.rate = 0;
    this.dirty.add(r.id);
  }

  private settle(r: Record_, state: TransferState, error: AppError | null): void {
    r.state = state;
    r.error = error;
    r.rate = 0;
    if (state === 'done' && r.size !== null) r.transferred = r.size;
    this.dirty.add(r.id);
    const waiters = this.settleWaiters.get(r.id);
    this.settleWaiters.delete(r.id);
    for (const w of waiters ?? []) w(view(r));
    const batch = this.batches.get(r.batchId);
    if (batch && --batch.open === 0) this.finishBatch(batch);
  }

  private finishBatch(batch: Batch): void {
    const counts = { done: 0, failed: 0, skipped: 0, cancelled: 0 };
    for (const id of batch.ids) {
      const s = this.items.get(id)?.state;
      if (s === 'done' || s === 'failed' || s === 'skipped' || s === 'cancelled') counts[s]++;
    }
    // Progress first, so a listener of the batch event sees final states in its store.
    this.flush();
    this.options.onBatchDone?.({ batchId: batch.id, direction: batch.direction, ...counts });
  }

  private schedule(): void {
    if (this.timer) return;
    if (this.dirty.size === 0 && this.removed.length === 0 && this.inFlight === 0) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.tick();
      this.schedule();
    }, this.options.throttleMs);
    this.timer.unref?.();
  }

  private tick(): void {
    const now = Date.now();
    const dt = Math.max(1, now - this.lastTick) / 1000;
    this.lastTick = now;
    this.overallRate = smooth(this.overallRate, this.bytesSinceTick / dt);
    this.bytesSinceTick = 0;
    for (const r of this.items.values()) {
      if (r.state !== 'running') continue;
      r.rate = smooth(r.rate, (r.transferred - r.lastSampleBytes) / dt);
      r.lastSampleBytes = r.transferred;
      this.dirty.add(r.id);
    }
    if (this.dirty.size === 0 && this.removed.length === 0) return;
    const items: TransferItem[] = [];
    for (const id of this.dirty) {
      const r = this.items.get(id);
      if (r) items.push(view(r));
    }
    this.dirty.clear();
    const removed = this.removed.splice(0);
    this.options.onProgress({ items, removed, totals: this.totals() });
  }

  private totals(): TransferTotals {
    const t = { items: 0, queued: 0, running: 0, paused: 0, done: 0, failed: 0, cancelled: 0, skipped: 0, bytesTotal: 0, bytesTransferred: 0 };
    for (const r of this.items.values()) {
      t.items++;
      t[r.state]++;
      if (r.state === 'skipped' || r.state === 'cancelled') continue;
      t.bytesTotal += r.size ?? 0;
      t.bytesTransferred += r.transferred;
    }
    const active = t.running + t.queued > 0;
    const rate = active ? this.overallRate : 0;
    return { ...t, rate, etaSeconds: eta(t.bytesTotal - t.bytesTransferred, rate, active) };
  }
}

function smooth(previous: number, sample: number): number {
  return previous === 0 ? sample : previous + RATE_ALPHA * (sample - previous);
}

function eta(remaining: number, rate: number, active: boolean): number | null {
  if (!active || rate <= 0) return null;
  return Math.ceil(remaining / rate);
}

function view(r: Record_): TransferItem {
  return {
    id: r.id,
    batchId: r.batchId,
    direction: r.spec.direction,
    connectionId: r.spec.connectionId,
    bucket: r.spec.bucket,
    key: r.spec.key,
    localPath: r.localPath,
    size: r.size,
    transferred: r.transferred,
    state: r.state,
    error: r.error,
    note: r.note,
    rate: r.state === 'running' ? r.rate : 0,
    etaSeconds: r.state === 'running' && r.size !== null ? eta(r.size - r.transferred, r.rate, true) : null,
  };
}

export function isTerminal(state: TransferState): boolean {
  return TERMINAL.has(state);
}
