/** Bytes → base64 without Node's Buffer (the renderer is a browser). Works in slices: a spread of a whole
 *  megabyte into String.fromCharCode would overflow the call stack. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const SLICE = 0x8000;
  for (let i = 0; i < bytes.length; i += SLICE) binary += String.fromCharCode(...bytes.subarray(i, i + SLICE));
  return btoa(binary);
}
