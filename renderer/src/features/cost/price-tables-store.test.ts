import { describe, expect, it } from 'vitest';
import { AWS_US_EAST_1, DEFAULT_PRICE_TABLES, type PriceTable } from '../../../../shared/cost';
import { ok } from '../../../../shared/errors';
import { createPriceTablesStore, draftOf, draftProblems, tableOf } from './price-tables-store';

describe('price-table editor', () => {
  it('a draft round-trips a table, keeping what it does not edit (restore tiers)', () => {
    expect(tableOf(AWS_US_EAST_1, draftOf(AWS_US_EAST_1))).toEqual(AWS_US_EAST_1);
    const d = draftOf(AWS_US_EAST_1);
    const edited = tableOf(AWS_US_EAST_1, { ...d, asOf: '2026-12-01', classes: { ...d.classes, GLACIER: { ...d.classes['GLACIER']!, storageGbMonth: '0.004' } } });
    expect(edited.asOf).toBe('2026-12-01');
    expect(edited.classes['GLACIER']).toEqual({ ...AWS_US_EAST_1.classes['GLACIER'], storageGbMonth: 0.004 });
  });

  it('names every bad field', () => {
    const d = draftOf(AWS_US_EAST_1);
    expect(draftProblems(d)).toEqual([]);
    expect(draftProblems({ ...d, egressGb: 'free' })).toEqual(['Egress $/GB: "free" is not a price (a number, 0 or more).']);
    expect(draftProblems({ ...d, classes: { ...d.classes, STANDARD_IA: { ...d.classes['STANDARD_IA']!, minimumDays: '1.5' } } })).toEqual([
      'STANDARD_IA Minimum days: "1.5" is not a whole number of days.',
    ]);
  });

  it('saves the whole edited table and shows it as edited; reset brings back the built-in one', async () => {
    let edited: PriceTable | null = null;
    const list = () => [...(edited ? [{ ...edited, edited: true }] : []), ...DEFAULT_PRICE_TABLES.filter((t) => t.id !== edited?.id).map((t) => ({ ...t, edited: false }))];
    const saved: PriceTable[] = [];
    const store = createPriceTablesStore({
      priceTables: async () => ok(list()),
      savePriceTable: async (r) => {
        saved.push(r.table);
        edited = r.table;
        return ok({ saved: true as const });
      },
      resetPriceTable: async () => {
        edited = null;
        return ok({ reset: true });
      },
    });
    await store.getState().show();
    store.getState().select(AWS_US_EAST_1.id);
    store.getState().setField('egressGb', '0.05');
    await store.getState().save();
    expect(saved).toEqual([{ ...AWS_US_EAST_1, egressGb: 0.05 }]);
    expect(store.getState().tables.find((t) => t.id === AWS_US_EAST_1.id)?.edited).toBe(true);
    expect(store.getState().saved).toMatch(/^Saved/);
    await store.getState().reset();
    expect(store.getState().tables.find((t) => t.id === AWS_US_EAST_1.id)?.edited).toBe(false);
    expect(store.getState().draft?.egressGb).toBe(String(AWS_US_EAST_1.egressGb));
  });
});
