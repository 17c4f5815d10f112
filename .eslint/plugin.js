// The project's own ESLint rules (plain JS so eslint can load them without a build step).
// eslint.config.js registers this plugin as `layers`; .ci/lint-boundaries.test.ts checks the rules fire.
import { featurePublicSurface } from './rules/feature-public-surface.js';
import { noImportFrom } from './rules/no-import-from.js';

export const layersPlugin = {
  meta: { name: 's3desk-layers' },
  // One implementation under a name per layer: where the file sets of two bans overlap (a lib/ file is also
  // production code), flat config keeps only the last options given to a rule name, so each ban needs its own.
  rules: {
    'domain-not-ipc': noImportFrom,
    'production-not-testkit': noImportFrom,
    'shared-ui-not-features': noImportFrom,
    'feature-public-surface': featurePublicSurface,
  },
};
