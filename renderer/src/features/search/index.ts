/** The search feature's public surface. */
export { createSearchStore, type SearchApi, type SearchStore } from './search-store';
export { SearchLayer } from './SearchLayer';
