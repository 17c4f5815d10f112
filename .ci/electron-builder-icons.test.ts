/**
 * The committed app icons (build/make-icons.ts writes them from build/icon.svg): every file electron-builder.yml
 * names exists with the sizes each OS asks for, and the containers are well formed.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { encodeIcns, encodeIco, ICNS_TYPES, pngSize, readIcns, readIco } from '../build/icon-files';

const build = (name: string) => readFileSync(fileURLToPath(new URL(`../build/${name}`, import.meta.url)));

describe('app icons', () => {
  it('has a 1024 px build/icon.png (electron-builder derives other sizes from it)', () => {
    expect(pngSize(build('icon.png'))).toEqual({ width: 1024, height: 1024 });
  });

  it('has the Linux hicolor sizes, each its own rendering at that size', () => {
    for (const pixels of [16, 24, 32, 48, 64, 128, 256, 512])
      expect(pngSize(build(`icons/${pixels}x${pixels}.png`))).toEqual({ width: pixels, height: pixels });
  });

  it('has a Windows .ico with 16–256 px images', () => {
    const sizes = readIco(build('icon.ico')).map((png) => pngSize(png).width);
    expect(sizes).toEqual([16, 24, 32, 48, 64, 128, 256]);
  });

  it('has a macOS .icns with every PNG block at its size', () => {
    const blocks = readIcns(build('icon.icns'));
    expect(blocks.map((b) => b.type)).toEqual(ICNS_TYPES.map((t) => t.type));
    for (const [i, block] of blocks.entries()) expect(pngSize(block.png).width).toBe(ICNS_TYPES[i]!.pixels);
  });
});

describe('icon containers', () => {
  /** A minimal PNG header claiming `pixels` × `pixels` (the containers only read IHDR). */
  const fakePng = (pixels: number) => {
    const png = Buffer.alloc(33);
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(png);
    png.writeUInt32BE(pixels, 16);
    png.writeUInt32BE(pixels, 20);
    png.writeUInt8(pixels % 251, 32);
    return png;
  };

  it('round-trips .ico images and writes 256 px as size 0', () => {
    const pngs = [fakePng(16), fakePng(256)];
    const ico = encodeIco(pngs);
    expect(ico[6 + 16]).toBe(0);
    expect(readIco(ico)).toEqual(pngs);
    expect(() => encodeIco([fakePng(512)])).toThrow(/256/);
  });

  it('round-trips .icns blocks and refuses a missing or wrong size', () => {
    const sizes = new Map(ICNS_TYPES.map((t) => [t.pixels, fakePng(t.pixels)]));
    const icns = encodeIcns(sizes);
    expect(readIcns(icns).map((b) => b.png)).toEqual(ICNS_TYPES.map((t) => sizes.get(t.pixels)));
    expect(() => encodeIcns(new Map([...sizes].filter(([p]) => p !== 64)))).toThrow(/64 px/);
    expect(() => encodeIcns(new Map([...sizes, [128, fakePng(100)]]))).toThrow(/100 px/);
  });

  it('refuses what is not a PNG', () => {
    expect(() => pngSize(Buffer.from('GIF89a and more bytes here.....'))).toThrow(/not a PNG/);
  });
});
