/** Human-readable formatting for the file table and status bar. Pure, locale-aware where users expect it. */

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB', 'EB'] as const;

/** 1536 → "1.5 KB". Binary multiples (what file managers on every OS show for sizes), one decimal under 10. */
export function formatSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  if (bytes < 1024) return `${bytes} B`;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  // Rounding can carry into the next unit ("1024.0 KB"): show "1.0 MB" instead.
  if (Number(value.toFixed(value < 10 ? 1 : 0)) >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value).toString()} ${UNITS[unit]}`;
}

const exactFormat = new Intl.NumberFormat('en-US');

/** The hover text: "1,536 bytes". */
export function formatExactBytes(bytes: number): string {
  return `${exactFormat.format(bytes)} ${bytes === 1 ? 'byte' : 'bytes'}`;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(locale: string | undefined, timeZone: string | undefined): Intl.DateTimeFormat {
  const id = `${locale ?? ''}|${timeZone ?? ''}`;
  let format = dateFormats.get(id);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      ...(timeZone ? { timeZone } : {}),
    });
    dateFormats.set(id, format);
  }
  return format;
}

/** Epoch ms → local date and time ("2026-11-24, 10:05" style per locale). Cached formatter: 100k rows render fast. */
export function formatDate(epochMs: number, locale?: string, timeZone?: string): string {
  if (!Number.isFinite(epochMs) || epochMs <= 0) return '';
  return dateFormat(locale, timeZone).format(epochMs);
}

/** Full ISO timestamp for the hover text, unambiguous across locales. */
export function formatIsoDate(epochMs: number): string {
  if (!Number.isFinite(epochMs) || epochMs <= 0) return '';
  return new Date(epochMs).toISOString();
}

/** "1 file", "2 files". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${exactFormat.format(count)} ${count === 1 ? one : many}`;
}
