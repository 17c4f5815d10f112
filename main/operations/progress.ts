import type { OperationProgress, ProgressKind } from '../../shared/operations';

/**
 * Counts one operation's progress and reports it at most every `intervalMs` (and always at the end), so a
 * 100,000-object delete sends a steady trickle of events, not 100,000.
 */
export class ProgressMeter {
  private done = 0;
  private failed = 0;
  private bytesDone = 0;
  private lastSent = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly operationId: string,
    private readonly kind: ProgressKind,
    private readonly total: number,
    private readonly bytesTotal: number,
    private readonly send: (p: OperationProgress) => void,
    private readonly intervalMs: number,
    private readonly now: () => number,
  ) {}

  start(): void {
    this.emit(false, true);
  }

  succeeded(count: number, bytes: number): void {
    this.done += count;
    this.bytesDone += bytes;
    this.emit(false);
  }

  failedOne(count = 1): void {
    this.failed += count;
    this.emit(false);
  }

  finish(): void {
    this.emit(true, true);
  }

  private emit(finished: boolean, force = false): void {
    const t = this.now();
    if (!force && t - this.lastSent < this.intervalMs) return;
    this.lastSent = t;
    this.send({
      operationId: this.operationId,
      kind: this.kind,
      total: this.total,
      done: this.done,
      failed: this.failed,
      bytesTotal: this.bytesTotal,
      bytesDone: this.bytesDone,
      finished,
    });
  }
}
