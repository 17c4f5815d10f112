/** The planning toast's words. Sizes and counts come from lib/format, like everywhere else. */
import { formatSize } from '../../lib/format';

const count = new Intl.NumberFormat('en-US');

/** "Counting objects… 12,345 (1.2 GB)" while a plan's listing runs; just "Counting objects…" before the first page. */
export function planningText(counted: { readonly objects: number; readonly bytes: number }): string {
  if (counted.objects === 0) return 'Counting objects…';
  return `Counting objects… ${count.format(counted.objects)} (${formatSize(counted.bytes)})`;
}
