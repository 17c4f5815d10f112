/** The activity feature's public surface: what App and other features may use. Everything else is internal. */
export { ActivityButton } from './ActivityButton';
export { type ActivityEntry, type ActivityStore, createActivityStore } from './activity-store';
export { followOperations, SUCCESS_TOAST_MS } from './follow-operations';
export { followTransfers } from './follow-transfers';
