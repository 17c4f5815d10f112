/** The versions feature's public surface (issue 13): what App and the command registry may use. */

export { AsOfBanner, AsOfTable } from './AsOfView';
export { type Place as VersionsPlace, type RecoveryStore } from './recovery-store';
export { stateOf, type VersioningStore } from './versioning-store';
export { createVersionsWiring, followBrowser, type VersionsApi, type VersionsWiring } from './versions-wiring';
export { VersionsLayer } from './VersionsLayer';
export { VersionsStatus } from './VersionsStatus';
export { VERSIONING_CONFIRM, VERSIONING_MEANING } from './VersioningDialog';
