/** The browser feature's public surface: what App and other features may use. Everything else is internal. */
export { type BrowserApi, type BrowserState, type BrowserStore, createBrowserStore, type Location } from './browser-store';
export { BrowserView } from './BrowserView';
export { OpenBucketForm } from './OpenBucketForm';
export { createSelectors } from './selectors';
