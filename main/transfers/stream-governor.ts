/**
 * How many ranges of one big download are in flight, chosen from measured throughput (issue 19) instead of a
 * fixed number: start with a few streams, and once the current number has run for a measuring window, compare
 * its rate with the rate before the last stream was added. Keep adding one while each addition raised the rate
 * by at least GAIN, never beyond `max` (the memory bound: each stream holds at most a few 1 MiB slabs); an
 * addition that did not is taken back (it only added contention), and then the number stays.
 *
 * Why: on a fast, near link (loopback, a LAN) four streams already fill it and every extra one only adds
 * contention for the two cores the server shares (rclone's default is four); a far server needs more streams
 * in flight to cover its latency, and only a measurement can tell which case this is.
 */

/** An addition must raise the rate by at least this factor to be kept. */
const GAIN = 1.1;
/** A rate is measured over at least this long and this many bytes per stream (one socket read is noise). */
const WINDOW_MS = 250;
const WINDOW_BYTES_PER_STREAM = 4 * 1024 * 1024;

export class StreamGovernor {
  private streams: number;
  private settled: boolean;
  private windowStart: number | null = null;
  private windowBytes = 0;
  private previousRate: number | null = null;

  constructor(
    initial: number,
    private readonly max: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.streams = Math.max(1, Math.min(initial, max));
    this.settled = this.streams >= max;
  }

  /** Streams wanted now. */
  get target(): number {
    return this.streams;
  }

  /** Bytes written; returns true when the target changed. */
  onBytes(bytes: number): boolean {
    if (this.settled) return false;
    const now = this.now();
    // The window opens at the first bytes after a change: a new stream's request latency is not its rate.
    if (this.windowStart === null) {
      this.windowStart = now;
      return false;
    }
    this.windowBytes += bytes;
    const elapsed = now - this.windowStart;
    if (elapsed < WINDOW_MS || this.windowBytes < WINDOW_BYTES_PER_STREAM * this.streams) return false;
    const rate = this.windowBytes / elapsed;
    const previous = this.previousRate;
    this.windowStart = null;
    this.windowBytes = 0;
    if (previous !== null && rate < previous * GAIN) {
      this.settled = true;
      this.streams--;
      return true;
    }
    this.previousRate = rate;
    this.streams++;
    this.settled = this.streams >= this.max;
    return true;
  }
}
