/**
 * A bandwidth limit shared by every stream of one direction: a token bucket kept as a theoretical arrival time
 * (GCRA), so each `take(n)` reserves its slot in order and sleeps until then, and concurrent streams split the
 * rate fairly without polling. The rate can change while streams wait: outstanding reservations are rescaled
 * to the new rate, and removing the limit releases every waiter. The clock is injected (tests drive it by hand).
 *
 * Credit: bytes may pass `burstMs` of the rate ahead of time. When busy streams fall behind the rate (the
 * machine or the server stalled them; gaps between takes of at most IDLE_MS), up to `catchUpMs` of what they
 * missed stays owed and is made up no faster than PEAK × the rate, paced by a second bucket: a 400 ms stall
 * is made up in about ten seconds (a whole second in 25), and no one-second window carries more than about 9% over the rate (PEAK
 * plus one burst at PEAK). A longer gap is idleness, not a stall: a transfer that starts after it gets no
 * catch-up (it would run above the rate from its start). Before, any stall past the burst was lost for good.
 */
import type { ChunkPace } from '../operations/object-copy';
import { abortError } from './limiter';

export interface TimerClock {
  now(): number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

export const SYSTEM_TIMER_CLOCK: TimerClock = {
  now: () => performance.now(),
  setTimer: (fn, ms) => setTimeout(fn, ms),
  clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** The fastest a stall is made up, as a multiple of the rate. */
const PEAK = 1.04;
/** A longer gap between takes is idleness (no catch-up), a shorter one a stall. */
const IDLE_MS = 2000;
const MIN_SLICE = 16 * 1024;
const MAX_SLICE = 256 * 1024;

interface Waiter {
  deadline: number;
  timer: unknown;
  readonly resolve: () => void;
}

export class BandwidthLimit {
  /** Bytes per second, or null for no limit. */
  private rate: number | null = null;
  /** When the bytes reserved so far will have been "paid" for at the current rate (ms on the clock). */
  private tat = 0;
  /** The same at PEAK × the rate: it caps how fast a stall's credit is spent. */
  private peakTat = 0;
  /** When the last take came (a gap up to IDLE_MS is a stall, a longer one idleness). */
  private lastTake = -Infinity;
  private readonly waiters = new Set<Waiter>();

  constructor(
    rate: number | null = null,
    private readonly clock: TimerClock = SYSTEM_TIMER_CLOCK,
    private readonly burstMs = 50,
    private readonly catchUpMs = 1000,
  ) {
    this.setRate(rate);
  }

  get bytesPerSecond(): number | null {
    return this.rate;
  }

  /**
   * How much one wait should let through: about 20 ms of the rate, between 16 and 256 KiB (256 KiB without a
   * limit). Small enough that a request body paced slice by slice never leaves ahead of the rate, large
   * enough that waits stay few; at a very low rate a request still sends something every few seconds.
   */
  sliceBytes(): number {
    if (this.rate === null) return MAX_SLICE;
    return Math.max(MIN_SLICE, Math.min(MAX_SLICE, Math.floor(this.rate / 50)));
  }

  setRate(rate: number | null): void {
    if (rate !== null && !(rate > 0)) throw new Error('a bandwidth limit must be positive (or null for none)');
    const old = this.rate;
    const now = this.clock.now();
    this.rate = rate;
    if (rate === null) {
      for (const w of [...this.waiters]) this.release(w);
      return;
    }
    if (old === null) {
      this.tat = now;
      this.peakTat = now;
      this.lastTake = -Infinity;
      return;
    }
    // What was reserved at the old rate is owed at the new one: stretch or shrink every wait accordingly.
    const scale = old / rate;
    if (this.tat > now) this.tat = now + (this.tat - now) * scale;
    if (this.peakTat > now) this.peakTat = now + (this.peakTat - now) * scale;
    for (const w of this.waiters) {
      w.deadline = now + (w.deadline - now) * scale;
      this.clock.clearTimer(w.timer);
      this.arm(w, now);
    }
  }

  /** Wait until `bytes` may pass. Resolves at once without a limit; rejects with an AbortError on abort. */
  take(bytes: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortError());
    if (this.rate === null || bytes <= 0) return Promise.resolve();
    const now = this.clock.now();
    // How far behind the clock the paid-up time may have fallen and still be owed: a stall's, never idleness'.
    const owed = now - this.lastTake <= IDLE_MS ? this.catchUpMs : 0;
    this.lastTake = now;
    const cost = (bytes * 1000) / this.rate;
    this.tat = Math.max(this.tat, now - owed) + cost;
    this.peakTat = Math.max(this.peakTat, now) + cost / PEAK;
    // Bytes may run `burstMs` ahead of both buckets; what a stall left owed passes at the peak rate.
    const deadline = Math.max(this.tat, this.peakTat) - this.burstMs;
    if (deadline <= now) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        this.clock.clearTimer(waiter.timer);
        this.waiters.delete(waiter);
        reject(abortError());
      };
      const waiter: Waiter = {
        deadline,
        timer: undefined,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.add(waiter);
      this.arm(waiter, now);
    });
  }

  private arm(w: Waiter, now: number): void {
    w.timer = this.clock.setTimer(() => this.release(w), Math.max(0, w.deadline - now));
  }

  private release(w: Waiter): void {
    this.clock.clearTimer(w.timer);
    if (this.waiters.delete(w)) w.resolve();
  }
}

/**
 * The pace of bytes that come in and go out through this machine (an S3→S3 copy across connections): each
 * chunk waits for both limits, so the slower one sets the pace.
 */
export function throughPace(limits: { readonly download: BandwidthLimit; readonly upload: BandwidthLimit }): ChunkPace {
  return (bytes, signal) => Promise.all([limits.download.take(bytes, signal), limits.upload.take(bytes, signal)]);
}
