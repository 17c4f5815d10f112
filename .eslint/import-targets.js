// Shared by the layer rules: every place a module names another module, resolved to a repo-relative path.
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repo root: this folder's parent, so the rules resolve the same way whatever directory eslint runs in. */
export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

const toPosix = (p) => p.split(sep).join('/');

/** `path` (absolute) relative to the repo root, with forward slashes; null when it lies outside the repo. */
export function repoPath(path) {
  const rel = toPosix(relative(REPO_ROOT, path));
  return rel.startsWith('../') || rel === '..' ? null : rel;
}

/** True when repo-relative `path` is `folder` itself or lies inside it. */
export const isInside = (path, folder) => path === folder || path.startsWith(`${folder}/`);

/**
 * Listeners that call `check(node, target)` for each relative module specifier in the file: static and
 * type-only imports, re-exports, import(), require() and `import('x').T` types. `target` is the
 * repo-relative path the specifier points at (without guessing an extension). Bare package names are
 * skipped: the repo has no path aliases, so a folder of ours can only be reached by a relative path.
 */
export function onImportTargets(context, check) {
  const from = dirname(context.filename);
  const visit = (node, source) => {
    if (typeof source !== 'string' || !source.startsWith('.')) return;
    const target = repoPath(resolve(from, source));
    if (target !== null) check(node, target);
  };
  const sourceOf = (node) => visit(node, node.source?.value);
  return {
    ImportDeclaration: sourceOf,
    ExportNamedDeclaration: sourceOf,
    ExportAllDeclaration: sourceOf,
    ImportExpression: (node) => visit(node, node.source.type === 'Literal' ? node.source.value : undefined),
    CallExpression: (node) => {
      const [arg] = node.arguments;
      if (node.callee.type === 'Identifier' && node.callee.name === 'require' && arg?.type === 'Literal') visit(node, arg.value);
    },
    // typescript-eslint 8 names the specifier `argument.literal`; newer versions also offer `source`.
    TSImportType: (node) => visit(node, node.source?.value ?? node.argument?.literal?.value),
  };
}
