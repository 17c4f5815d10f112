/**
 * Pure helpers for the storage map: a squarified treemap layout (rectangles close to square, so small parts
 * stay clickable) and the CSV export of a sizes report.
 */
import type { FolderSize, SizesReport } from '../../../../shared/search';

export interface Tile<T> {
  readonly item: T;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** Lay items with positive weights out in a w × h box; the areas are proportional to the weights. */
export function squarify<T>(items: readonly T[], weight: (t: T) => number, w: number, h: number): Tile<T>[] {
  const list = items.filter((i) => weight(i) > 0).sort((a, b) => weight(b) - weight(a));
  const total = list.reduce((s, i) => s + weight(i), 0);
  const out: Tile<T>[] = [];
  if (total === 0) return out;
  const scale = (w * h) / total;
  let x = 0;
  let y = 0;
  let bw = w;
  let bh = h;
  let i = 0;
  while (i < list.length) {
    const side = Math.min(bw, bh);
    // Grow the row while the worst aspect ratio improves.
    let row = [list[i]!];
    let rowArea = weight(list[i]!) * scale;
    const worst = (areas: number[], sum: number) => Math.max(...areas.map((a) => Math.max((side * side * a) / (sum * sum), (sum * sum) / (side * side * a))));
    let j = i + 1;
    while (j < list.length) {
      const next = [...row, list[j]!];
      const nextArea = rowArea + weight(list[j]!) * scale;
      if (worst(next.map((t) => weight(t) * scale), nextArea) > worst(row.map((t) => weight(t) * scale), rowArea)) break;
      row = next;
      rowArea = nextArea;
      j++;
    }
    const thick = rowArea / side;
    let along = 0;
    for (const t of row) {
      const len = (weight(t) * scale) / thick;
      if (bw >= bh) out.push({ item: t, x, y: y + along, w: thick, h: len });
      else out.push({ item: t, x: x + along, y, w: len, h: thick });
      along += len;
    }
    if (bw >= bh) {
      x += thick;
      bw -= thick;
    } else {
      y += thick;
      bh -= thick;
    }
    i = j;
  }
  return out;
}

const csvCell = (v: string | number) => {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/** One row per part, a column per storage class (bytes), ISO dates. */
export function sizesCsv(report: SizesReport): string {
  const classes = [...new Set(report.parts.flatMap((p) => Object.keys(p.byClass)))].sort();
  const iso = (ms: number) => (ms > 0 ? new Date(ms).toISOString() : '');
  const row = (p: FolderSize) => [p.prefix, p.objects, p.bytes, ...classes.map((c) => p.byClass[c] ?? 0), iso(p.oldest), iso(p.newest)].map(csvCell).join(',');
  return [['folder', 'objects', 'bytes', ...classes.map((c) => `bytes ${c}`), 'oldest', 'newest'].map(csvCell).join(','), ...report.parts.map(row), row({ ...report.total, prefix: `${report.prefix} (total)` })].join('\n') + '\n';
}
