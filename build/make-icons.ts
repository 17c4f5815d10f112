/**
 * Regenerates every app icon from build/icon.svg: `node --import tsx build/make-icons.ts`.
 * Needs `rsvg-convert` (Debian/Ubuntu: apt-get install librsvg2-bin; macOS: brew install librsvg). The outputs
 * are committed, so packaging and CI never need it:
 *   build/icon.png        1024 px, electron-builder's source icon and the window icon on Linux/Windows
 *   build/icon.icns       macOS (16–1024 px, PNG blocks)
 *   build/icon.ico        Windows (16–256 px, PNG entries)
 *   build/icons/NxN.png   Linux hicolor sizes for the .desktop entry (deb, AppImage)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeIcns, encodeIco } from './icon-files';

const here = import.meta.dirname;
const source = join(here, 'icon.svg');
const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512];

function rasterise(pixels: number): Buffer {
  try {
    return execFileSync('rsvg-convert', ['--width', String(pixels), '--height', String(pixels), '--format', 'png', source], {
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    throw new Error(`rsvg-convert failed (install librsvg2-bin): ${(error as Error).message}`, { cause: error });
  }
}

const pngs = new Map(SIZES.map((pixels) => [pixels, rasterise(pixels)]));
const png = (pixels: number): Buffer => pngs.get(pixels) ?? rasterise(pixels);

writeFileSync(join(here, 'icon.png'), png(1024));
writeFileSync(join(here, 'icon.icns'), encodeIcns(pngs));
writeFileSync(join(here, 'icon.ico'), encodeIco(ICO_SIZES.map(png)));
mkdirSync(join(here, 'icons'), { recursive: true });
for (const pixels of LINUX_SIZES) writeFileSync(join(here, 'icons', `${pixels}x${pixels}.png`), png(pixels));
console.log(`icons written from ${source}: ${readFileSync(join(here, 'icon.png')).length} bytes at 1024 px`);
