/** The operations feature's public surface: what App and other features may use. Everything else is internal. */
export { BrowserOperations } from './BrowserOperations';
export { createOperationsStore, type OperationsApi, type OperationsStore, type OperationsStoreOptions, type RunState } from './operations-store';
export { CostSummary } from './CostSummary';
