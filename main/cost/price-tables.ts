/**
 * The price tables cost estimates use: the built-in ones (shared/cost.ts) plus the user's edits, saved in
 * <userData>/price-tables.json. An edited table replaces the built-in one of the same id; "reset" removes the
 * edit. Every estimate names the table it used, so an edited price is never silently mixed with a default.
 */
import { z } from 'zod';
import { DEFAULT_PRICE_TABLES, type PriceTable, RESTORE_TIERS, tableFor } from '../../shared/cost';
import type { ConnectionSummary } from '../../shared/types';
import { loadVersionedFileSync, saveVersionedFile } from '../connections/settings-file';

const FILE = 'price-tables.json';
const VERSION = 1;

const usd = z.number().finite().min(0).max(1_000_000);
const classPrices = z
  .object({
    storageGbMonth: usd,
    putPer1000: usd,
    getPer1000: usd,
    retrievalGb: usd,
    minimumDays: z.number().int().min(0).max(3650),
    restore: z.partialRecord(z.enum(RESTORE_TIERS as [string, ...string[]]), z.object({ perGb: usd, per1000: usd }).strict()).optional(),
  })
  .strict();

export const priceTableSchema = z
  .object({
    id: z.string().min(1).max(64).regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and "-"'),
    name: z.string().min(1).max(200),
    provider: z.string().min(1).max(64),
    region: z.string().min(1).max(64),
    asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2025-06-01'),
    listPer1000: usd,
    egressGb: usd,
    classes: z.record(z.string().regex(/^[A-Z][A-Z0-9_]{0,63}$/, 'a storage class name'), classPrices),
    fallbackClass: z.string().min(1).max(64),
  })
  .strict()
  .refine((t) => t.fallbackClass in t.classes, { message: 'the fallback class must be one of the classes', path: ['fallbackClass'] });

const fileSchema = z.object({ version: z.literal(VERSION), tables: z.array(priceTableSchema).max(100) }).strict();

export class PriceTables {
  private edited: PriceTable[];
  readonly problem: string | null;

  constructor(private readonly userDataDir?: string) {
    const loaded = userDataDir === undefined ? null : loadVersionedFileSync({ dir: userDataDir, fileName: FILE, version: VERSION, schema: fileSchema, what: 'Price tables' });
    this.edited = (loaded?.value?.tables ?? []) as PriceTable[];
    this.problem = loaded?.problem?.message ?? null;
  }

  list(): Array<PriceTable & { readonly edited: boolean }> {
    const ids = new Set(this.edited.map((t) => t.id));
    return [...this.edited.map((t) => ({ ...t, edited: true })), ...DEFAULT_PRICE_TABLES.filter((t) => !ids.has(t.id)).map((t) => ({ ...t, edited: false }))];
  }

  tableFor(summary: Pick<ConnectionSummary, 'preset' | 'region'> | undefined): PriceTable {
    return tableFor(this.list(), summary?.preset, summary?.region ?? 'us-east-1');
  }

  async save(table: PriceTable): Promise<void> {
    this.edited = [...this.edited.filter((t) => t.id !== table.id), table];
    await this.persist();
  }

  async reset(id: string): Promise<boolean> {
    const before = this.edited.length;
    this.edited = this.edited.filter((t) => t.id !== id);
    await this.persist();
    return this.edited.length !== before;
  }

  private async persist(): Promise<void> {
    if (this.userDataDir === undefined) return;
    await saveVersionedFile({ dir: this.userDataDir, fileName: FILE, schema: fileSchema }, { version: VERSION, tables: this.edited });
  }
}
