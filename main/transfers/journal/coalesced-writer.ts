/**
 * One small file rewritten crash-safely whenever its content changes: writes are serialized, and changes made
 * while one is under way cost a single further write of the latest snapshot. `minIntervalMs` spaces writes out
 * (a 10,000-file batch changes the journal thousands of times a second). `flush()` skips the wait and resolves
 * once every change made before the call is on disk, or rejects with that write's error. It never waits for
 * changes made after it: a busy batch keeps changing the journal, and a flush that chased them would last as
 * long as the batch (the handler that queued it answered only when the downloads were done).
 */
import { writeFileAtomic } from './atomic-file';

interface Waiter {
  readonly upTo: number;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

export class CoalescedWriter {
  private writing: Promise<void> | null = null;
  /** Changes scheduled so far, and how many of them the last finished write covered. */
  private changes = 0;
  private written = 0;
  private waiters: Waiter[] = [];
  /** A failed write no flush has heard of yet: the next flush reports it. */
  private unreported: unknown = null;
  private wake: (() => void) | null = null;

  constructor(
    private readonly file: string,
    private readonly snapshot: () => string,
    private readonly minIntervalMs = 0,
    private readonly durable = true,
  ) {}

  schedule(): void {
    this.changes++;
    if (this.writing) return;
    this.writing = this.loop().finally(() => {
      this.writing = null;
    });
  }

  flush(): Promise<void> {
    if (this.written >= this.changes) {
      const failure = this.unreported;
      this.unreported = null;
      return failure ? Promise.reject(failure) : Promise.resolve();
    }
    const upTo = this.changes;
    return new Promise((resolve, reject) => {
      this.waiters.push({ upTo, resolve, reject });
      this.wake?.();
    });
  }

  private async loop(): Promise<void> {
    let first = true;
    while (this.written < this.changes) {
      if (!first && this.minIntervalMs > 0 && this.waiters.length === 0) await this.pause();
      first = false;
      const upTo = this.changes;
      let failure: unknown = null;
      try {
        await writeFileAtomic(this.file, this.snapshot(), { durable: this.durable });
      } catch (error) {
        // Told to the flushes waiting for it: a full disk must not crash the app, but callers that need
        // durability learn of it. The changes count as written (the next change writes everything again).
        failure = error;
      }
      this.written = upTo;
      this.settle(upTo, failure);
    }
  }

  private settle(upTo: number, failure: unknown): void {
    const due = this.waiters.filter((w) => w.upTo <= upTo);
    this.unreported = due.length === 0 ? failure : null;
    if (due.length === 0) return;
    this.waiters = this.waiters.filter((w) => w.upTo > upTo);
    for (const w of due) {
      if (failure) w.reject(failure);
      else w.resolve();
    }
  }

  private pause(): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, this.minIntervalMs);
      this.wake = done;
    });
  }
}
