/**
 * Rates over time from a cumulative byte series ([ms, bytes] samples, any spacing): the average over the
 * moving span, every one-second window's rate (linear between samples), and the rate in each whole second.
 * The bandwidth bench uses it to show where a slow run lost its time and whether any second went over.
 */
export type Series = ReadonlyArray<readonly [ms: number, bytes: number]>;

export interface RateTrace {
  /** MB/s from the first moving sample to the one that reached `total` (else the last). */
  readonly average: number;
  /** Highest and lowest rate of any 1 s window inside that span, MB/s (null if the span is under 1 s). */
  readonly peak1s: number | null;
  readonly trough1s: number | null;
  /** MB/s in each second from the start of the span (a last part-second only if it is at least half a second). */
  readonly perSecond: readonly number[];
  readonly seconds: number;
}

const MB = 1_000_000;

/** Bytes at time t, linear between the samples around it. */
function bytesAt(series: Series, t: number): number {
  let lo = 0;
  let hi = series.length - 1;
  if (t <= series[0]![0]) return series[0]![1];
  if (t >= series[hi]![0]) return series[hi]![1];
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (series[mid]![0] <= t) lo = mid;
    else hi = mid;
  }
  const [t0, b0] = series[lo]!;
  const [t1, b1] = series[hi]!;
  return t1 === t0 ? b1 : b0 + ((b1 - b0) * (t - t0)) / (t1 - t0);
}

export function rateTrace(samples: Series, total: number, stepMs = 50): RateTrace {
  // Past the first 64 KiB: a wire series counts the small requests before the first part too.
  const from = samples.findIndex(([, b]) => b > 64 * 1024);
  const reached = samples.findIndex(([, b]) => b >= total);
  const to = reached >= 0 ? reached : samples.length - 1;
  const span = from < 0 ? [] : samples.slice(from, to + 1);
  if (span.length < 2) return { average: 0, peak1s: null, trough1s: null, perSecond: [], seconds: 0 };
  const [start, b0] = span[0]!;
  const [end, b1] = span.at(-1)!;
  const seconds = (end - start) / 1000;
  let peak: number | null = null;
  let trough: number | null = null;
  for (let t = start; t + 1000 <= end; t += stepMs) {
    const r = (bytesAt(span, t + 1000) - bytesAt(span, t)) / MB;
    peak = peak === null ? r : Math.max(peak, r);
    trough = trough === null ? r : Math.min(trough, r);
  }
  const perSecond: number[] = [];
  for (let t = start; t + 500 <= end; t += 1000) perSecond.push((bytesAt(span, Math.min(end, t + 1000)) - bytesAt(span, t)) / MB / (Math.min(1000, end - t) / 1000));
  return { average: (b1 - b0) / MB / seconds, peak1s: peak, trough1s: trough, perSecond, seconds };
}
