/**
 * One small file rewritten crash-safely whenever its content changes: writes are serialized, and changes made
 * while one is under way cost a single further write of the latest snapshot. `minIntervalMs` spaces writes out
 * (a 10,000-file batch changes the journal thousands of times a second); `flush()` skips the wait and resolves
 * once everything changed so far is on disk, or rejects with the last write's error.
 */
import { writeFileAtomic } from './atomic-file';

export class CoalescedWriter {
  private writing: Promise<void> | null = null;
  private dirty = false;
  private urgent = false;
  private wake: (() => void) | null = null;
  private failure: unknown = null;

  constructor(
    private readonly file: string,
    private readonly snapshot: () => string,
    private readonly minIntervalMs = 0,
    private readonly durable = true,
  ) {}

  schedule(): void {
    this.dirty = true;
    if (this.writing) return;
    this.writing = this.loop().finally(() => {
      this.writing = null;
    });
  }

  async flush(): Promise<void> {
    this.urgent = true;
    this.wake?.();
    try {
      while (this.writing) await this.writing;
    } finally {
      this.urgent = false;
    }
    if (this.failure) {
      const error = this.failure;
      this.failure = null;
      throw error;
    }
  }

  private async loop(): Promise<void> {
    let first = true;
    while (this.dirty) {
      if (!first && this.minIntervalMs > 0 && !this.urgent) await this.pause();
      first = false;
      this.dirty = false;
      try {
        await writeFileAtomic(this.file, this.snapshot(), { durable: this.durable });
        this.failure = null;
      } catch (error) {
        // Kept for flush(): a full disk must not crash the app, but callers that need durability learn of it.
        this.failure = error;
      }
    }
  }

  private pause(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.minIntervalMs);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
    });
  }
}
