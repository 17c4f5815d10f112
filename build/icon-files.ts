/**
 * The two icon containers installers need, written from PNG images (no image library: both formats can carry
 * PNG data as is). Windows .ico: an ICONDIR header, one 16-byte entry per image, then the PNGs (Vista and later
 * read PNG entries). macOS .icns: 'icns' + total length, then one (type, length, PNG) block per size.
 */

/** Width and height from a PNG's IHDR chunk (bytes 16–23), after checking the signature. */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (png.length < 24 || signature.some((b, i) => png[i] !== b)) throw new Error('not a PNG');
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

export function encodeIco(pngs: readonly Uint8Array[]): Buffer {
  const header = Buffer.alloc(6 + 16 * pngs.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(pngs.length, 4);
  let offset = header.length;
  pngs.forEach((png, i) => {
    const { width, height } = pngSize(png);
    if (width > 256 || height > 256) throw new Error(`.ico images are at most 256 px, got ${width}`);
    const at = 6 + 16 * i;
    header.writeUInt8(width === 256 ? 0 : width, at); // 0 means 256
    header.writeUInt8(height === 256 ? 0 : height, at + 1);
    header.writeUInt16LE(1, at + 4); // colour planes
    header.writeUInt16LE(32, at + 6); // bits per pixel
    header.writeUInt32LE(png.length, at + 8);
    header.writeUInt32LE(offset, at + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...pngs]);
}

/** icns type codes for PNG payloads, by pixel size; the @2x codes reuse a larger image for a smaller point size. */
export const ICNS_TYPES: readonly { type: string; pixels: number }[] = [
  { type: 'icp4', pixels: 16 },
  { type: 'icp5', pixels: 32 },
  { type: 'ic11', pixels: 32 }, // 16 pt @2x
  { type: 'icp6', pixels: 64 },
  { type: 'ic12', pixels: 64 }, // 32 pt @2x
  { type: 'ic07', pixels: 128 },
  { type: 'ic08', pixels: 256 },
  { type: 'ic13', pixels: 256 }, // 128 pt @2x
  { type: 'ic09', pixels: 512 },
  { type: 'ic14', pixels: 512 }, // 256 pt @2x
  { type: 'ic10', pixels: 1024 }, // 512 pt @2x
];

export function encodeIcns(pngBySize: ReadonlyMap<number, Uint8Array>): Buffer {
  const blocks = ICNS_TYPES.map(({ type, pixels }) => {
    const png = pngBySize.get(pixels);
    if (!png) throw new Error(`icns needs a ${pixels} px image`);
    if (pngSize(png).width !== pixels) throw new Error(`the ${pixels} px image is ${pngSize(png).width} px`);
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(8 + png.length, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + blocks.reduce((n, b) => n + b.length, 0), 4);
  return Buffer.concat([head, ...blocks]);
}

/** The blocks of an .icns file (type and PNG payload), for checks. */
export function readIcns(icns: Buffer): { type: string; png: Buffer }[] {
  if (icns.toString('latin1', 0, 4) !== 'icns' || icns.readUInt32BE(4) !== icns.length) throw new Error('not an icns file');
  const blocks: { type: string; png: Buffer }[] = [];
  for (let at = 8; at < icns.length; ) {
    const length = icns.readUInt32BE(at + 4);
    if (length < 8 || at + length > icns.length) throw new Error('truncated icns block');
    blocks.push({ type: icns.toString('latin1', at, at + 4), png: icns.subarray(at + 8, at + length) });
    at += length;
  }
  return blocks;
}

/** The images of an .ico file, for checks. */
export function readIco(ico: Buffer): Buffer[] {
  if (ico.readUInt16LE(0) !== 0 || ico.readUInt16LE(2) !== 1) throw new Error('not an ico file');
  return Array.from({ length: ico.readUInt16LE(4) }, (_, i) => {
    const size = ico.readUInt32LE(6 + 16 * i + 8);
    const offset = ico.readUInt32LE(6 + 16 * i + 12);
    if (offset + size > ico.length) throw new Error('truncated ico image');
    return ico.subarray(offset, offset + size);
  });
}
