/** Formatting for the operations UI (the browser feature has its own table formatting). */
const count = new Intl.NumberFormat('en-US');

export function formatCount(n: number, noun: string): string {
  return `${count.format(n)} ${noun}${n === 1 ? '' : 's'}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB', 'PB'];
  let v = bytes / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[u]}`;
}

/** "Counting objects… 12,345 (1.2 GB)" while a plan's listing runs; just "Counting objects…" before the first page. */
export function planningText(counted: { readonly objects: number; readonly bytes: number }): string {
  if (counted.objects === 0) return 'Counting objects…';
  return `Counting objects… ${count.format(counted.objects)} (${formatBytes(counted.bytes)})`;
}
