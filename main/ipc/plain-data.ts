/**
 * Structured clone (Electron IPC) can deliver a Date, Map, Set, RegExp or typed array anywhere in a request, and
 * zod reads any object as a bag of (absent) properties: a Set passed for `tags: { set?: … }` would parse as {}.
 * No request carries anything but JSON-like data, so the edge refuses the rest at every depth.
 */
const MAX_DEPTH = 32;

export const isPlainObject = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && [Object.prototype, null].includes(Object.getPrototypeOf(value) as object | null);

/** The path of the first value that is not a primitive, a plain array or a plain object; undefined when all are. */
export function firstNonPlain(value: unknown, path: readonly string[] = []): string[] | undefined {
  if (value === null || typeof value !== 'object') return typeof value === 'function' || typeof value === 'symbol' ? [...path] : undefined;
  if (path.length > MAX_DEPTH) return [...path];
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return [...path];
    for (let i = 0; i < value.length; i++) {
      const bad = firstNonPlain(value[i], [...path, String(i)]);
      if (bad) return bad;
    }
    return undefined;
  }
  if (!isPlainObject(value)) return [...path];
  for (const [k, v] of Object.entries(value)) {
    const bad = firstNonPlain(v, [...path, k]);
    if (bad) return bad;
  }
  return undefined;
}
