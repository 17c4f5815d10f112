/** How many equal-width toolbar buttons fit in `available` px, leaving room for the overflow button if needed. */
export function fitCount(count: number, available: number, item: number, gap: number, overflow: number): number {
  const widthOf = (n: number) => (n <= 0 ? 0 : n * item + (n - 1) * gap);
  if (widthOf(count) <= available) return count;
  const room = available - overflow - gap;
  return Math.max(0, Math.min(count - 1, Math.floor((room + gap) / (item + gap))));
}

/** The width a row of `count` buttons asks for when nothing overflows. */
export function fullWidth(count: number, item: number, gap: number): number {
  return count <= 0 ? 0 : count * item + (count - 1) * gap;
}
