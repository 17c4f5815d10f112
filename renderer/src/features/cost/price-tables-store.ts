/**
 * The price-table editor's store (issue 15): the tables cost estimates use (built-in AWS, Wasabi, R2… plus the
 * user's edits, main/cost/price-tables.ts), one picked for editing as text fields, saved whole (main checks it
 * with the same schema as the file) or reset to the built-in one. Every estimate names the table it used.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ClassPrices, PriceTable } from '../../../../shared/cost';
import type { RendererApi } from '../../../../shared/ipc';
import { call, type UserError } from '../../lib/call';

export type PriceTablesApi = Pick<RendererApi, 'priceTables' | 'savePriceTable' | 'resetPriceTable'>;

export type ListedTable = PriceTable & { readonly edited: boolean };

/** The numbers of one class as typed. */
export type ClassDraft = { readonly [K in Exclude<keyof ClassPrices, 'restore'>]: string };
export const CLASS_FIELDS: ReadonlyArray<[keyof ClassDraft, string]> = [
  ['storageGbMonth', 'Storage $/GB-month'],
  ['putPer1000', 'PUT $/1000'],
  ['getPer1000', 'GET $/1000'],
  ['retrievalGb', 'Retrieval $/GB'],
  ['minimumDays', 'Minimum days'],
];

export interface TableDraft {
  readonly asOf: string;
  readonly listPer1000: string;
  readonly egressGb: string;
  readonly classes: Readonly<Record<string, ClassDraft>>;
}

export interface PriceTablesState {
  readonly open: boolean;
  readonly tables: readonly ListedTable[];
  readonly selectedId: string | null;
  readonly draft: TableDraft | null;
  readonly saved: string | null;
  readonly error: UserError | null;
}

export interface PriceTablesActions {
  show(): Promise<void>;
  close(): void;
  select(id: string): void;
  setField(field: 'asOf' | 'listPer1000' | 'egressGb', value: string): void;
  setClassField(cls: string, field: keyof ClassDraft, value: string): void;
  save(): Promise<void>;
  reset(): Promise<void>;
}

export type PriceTablesStore = StoreApi<PriceTablesState & PriceTablesActions>;

export function draftOf(t: PriceTable): TableDraft {
  const classes: Record<string, ClassDraft> = {};
  for (const [name, c] of Object.entries(t.classes)) {
    classes[name] = { storageGbMonth: String(c.storageGbMonth), putPer1000: String(c.putPer1000), getPer1000: String(c.getPer1000), retrievalGb: String(c.retrievalGb), minimumDays: String(c.minimumDays) };
  }
  return { asOf: t.asOf, listPer1000: String(t.listPer1000), egressGb: String(t.egressGb), classes };
}

/** The problems of a draft, each naming its field (empty: it can be saved). */
export function draftProblems(d: TableDraft): string[] {
  const problems: string[] = [];
  const money = (label: string, v: string) => {
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n) || n < 0) problems.push(`${label}: "${v}" is not a price (a number, 0 or more).`);
  };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d.asOf)) problems.push(`Prices as of: "${d.asOf}" is not a date like 2025-06-01.`);
  money('LIST $/1000', d.listPer1000);
  money('Egress $/GB', d.egressGb);
  for (const [cls, c] of Object.entries(d.classes)) {
    for (const [field, label] of CLASS_FIELDS) {
      if (field === 'minimumDays') {
        const n = Number(c.minimumDays);
        if (!Number.isInteger(n) || n < 0 || n > 3650) problems.push(`${cls} ${label}: "${c.minimumDays}" is not a whole number of days.`);
      } else money(`${cls} ${label}`, c[field]);
    }
  }
  return problems;
}

/** The table a valid draft makes (restore prices and everything not editable here are kept). */
export function tableOf(base: PriceTable, d: TableDraft): PriceTable {
  const classes: Record<string, ClassPrices> = {};
  for (const [name, c] of Object.entries(base.classes)) {
    const x = d.classes[name];
    classes[name] = x
      ? { ...c, storageGbMonth: Number(x.storageGbMonth), putPer1000: Number(x.putPer1000), getPer1000: Number(x.getPer1000), retrievalGb: Number(x.retrievalGb), minimumDays: Number(x.minimumDays) }
      : c;
  }
  return { ...base, asOf: d.asOf, listPer1000: Number(d.listPer1000), egressGb: Number(d.egressGb), classes };
}

const strip = ({ edited: _edited, ...t }: ListedTable): PriceTable => t;

export function createPriceTablesStore(api: PriceTablesApi): PriceTablesStore {
  return createStore<PriceTablesState & PriceTablesActions>()((set, get) => {
    const load = async (selectedId: string | null, saved: string | null) => {
      const r = await call(() => api.priceTables({}));
      if (!r.ok) return set({ error: r.error });
      const id = selectedId && r.value.some((t) => t.id === selectedId) ? selectedId : (r.value[0]?.id ?? null);
      const table = r.value.find((t) => t.id === id);
      set({ tables: r.value, selectedId: id, draft: table ? draftOf(table) : null, saved, error: null });
    };
    return {
      open: false,
      tables: [],
      selectedId: null,
      draft: null,
      saved: null,
      error: null,
      async show() {
        set({ open: true, saved: null });
        await load(get().selectedId, null);
      },
      close: () => set({ open: false }),
      select(id) {
        const table = get().tables.find((t) => t.id === id);
        if (table) set({ selectedId: id, draft: draftOf(table), saved: null });
      },
      setField: (field, value) => set((s) => (s.draft ? { draft: { ...s.draft, [field]: value }, saved: null } : {})),
      setClassField: (cls, field, value) =>
        set((s) => {
          const c = s.draft?.classes[cls];
          return s.draft && c ? { draft: { ...s.draft, classes: { ...s.draft.classes, [cls]: { ...c, [field]: value } } }, saved: null } : {};
        }),
      async save() {
        const { draft, tables, selectedId } = get();
        const base = tables.find((t) => t.id === selectedId);
        if (!draft || !base || draftProblems(draft).length > 0) return;
        const r = await call(() => api.savePriceTable({ table: tableOf(strip(base), draft) }));
        if (!r.ok) return set({ error: r.error });
        await load(base.id, `Saved: estimates now use your prices for ${base.name}.`);
      },
      async reset() {
        const id = get().selectedId;
        if (!id) return;
        const r = await call(() => api.resetPriceTable({ id }));
        if (!r.ok) return set({ error: r.error });
        await load(id, 'Reset to the built-in prices.');
      },
    };
  });
}
