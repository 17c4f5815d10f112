// Module resolution hook (runs on Node's loader thread): only `electron` is redirected.
import { URL } from 'node:url';

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'electron') return { url: new URL('./electron.mjs', import.meta.url).href, shortCircuit: true };
  return nextResolve(specifier, context);
}
