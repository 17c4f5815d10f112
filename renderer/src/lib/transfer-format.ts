/** Pure formatting for transfer progress: sizes, rates, times, percentages. */

import { formatSize } from './format';

/** Sizes as the file table shows them (binary multiples), so a transfer and its row agree. */
export function formatBytes(bytes: number): string {
  return formatSize(bytes) || '—';
}

export function formatRate(bytesPerSecond: number): string {
  return bytesPerSecond > 0 ? `${formatBytes(bytesPerSecond)}/s` : '';
}

/** 75 → "1 min 15 s", 3700 → "1 h 2 min"; null → "" (unknown). */
export function formatEta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return '';
  const s = Math.ceil(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/** Whole percent, clamped; 0 for unknown totals, 100 for empty files that are done. */
export function percent(done: number, total: number | null): number {
  if (total === null) return 0;
  if (total <= 0) return done >= 0 ? 100 : 0;
  return Math.max(0, Math.min(100, Math.floor((done / total) * 100)));
}
