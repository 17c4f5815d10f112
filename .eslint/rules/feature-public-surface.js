// Renderer features talk to each other only through each feature's index.ts, so a feature can reshuffle its
// files without breaking its neighbours. Works for any folder under `featuresDir`, including future ones.
import { extname } from 'node:path';
import { isInside, onImportTargets, repoPath } from '../import-targets.js';

/** The feature a repo path belongs to and the rest of the path inside it; null outside `featuresDir`. */
function featureOf(path, featuresDir) {
  if (!isInside(path, featuresDir) || path === featuresDir) return null;
  const [feature, ...rest] = path.slice(featuresDir.length + 1).split('/');
  return { feature, inner: rest.join('/') };
}

const PUBLIC = new Set(['', 'index', 'index.ts', 'index.tsx']);

export const featurePublicSurface = {
  meta: {
    type: 'problem',
    docs: { description: "Import another renderer feature only through its index.ts, never its internal files." },
    schema: [
      {
        type: 'object',
        properties: { featuresDir: { type: 'string' } },
        required: ['featuresDir'],
        additionalProperties: false,
      },
    ],
    messages: {
      internal: "Import feature '{{feature}}' through its public surface ({{featuresDir}}/{{feature}}/index.ts), not its file '{{inner}}'.",
    },
  },
  create(context) {
    const [{ featuresDir }] = context.options;
    const self = featureOf(repoPath(context.filename) ?? '', featuresDir);
    return onImportTargets(context, (node, target) => {
      const to = featureOf(target, featuresDir);
      if (to === null || to.feature === self?.feature || PUBLIC.has(to.inner)) return;
      // A stylesheet is global once loaded and exports nothing, so loading it is not a reach into internals.
      if (extname(to.inner) === '.css') return;
      context.report({ node, messageId: 'internal', data: { feature: to.feature, inner: to.inner, featuresDir } });
    });
  },
};
