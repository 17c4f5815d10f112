/** The cost feature's public surface: the price-table editor. */
export { PriceTablesDialog } from './PriceTablesDialog';
export { createPriceTablesStore, type PriceTablesApi, type PriceTablesStore } from './price-tables-store';
