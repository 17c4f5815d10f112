/** Stands in for any value past the table's capacity. */
export const OVERFLOW_TEXT = 'OTHER';

/**
 * Small ids for the few distinct strings a field takes (storage classes: STANDARD, GLACIER, …), so 1,000,000
 * cached objects hold 2-byte ids instead of 1,000,000 strings. The table is capped so a hostile listing with a
 * new value per object cannot grow it forever: past the cap a value is kept as OVERFLOW_TEXT (the storage class
 * is only shown in the info panel, and objects:head returns the real one).
 */
export class StringInterner {
  private readonly ids = new Map<string, number>();
  private readonly texts: string[] = [];

  constructor(private readonly capacity = 4096) {}

  id(text: string): number {
    const known = this.ids.get(text);
    if (known !== undefined) return known;
    // The last free id is kept for OVERFLOW_TEXT.
    const value = this.texts.length >= this.capacity - 1 ? OVERFLOW_TEXT : text;
    const existing = this.ids.get(value);
    if (existing !== undefined) return existing;
    const id = this.texts.length;
    this.texts.push(value);
    this.ids.set(value, id);
    return id;
  }

  text(id: number): string {
    return this.texts[id] ?? '';
  }

  get size(): number {
    return this.texts.length;
  }
}
