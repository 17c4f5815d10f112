/**
 * The design tokens hold WCAG AA in both themes: tokens.css is parsed (each colour a light-dark(light, dark)
 * pair) and every text/background pair the app draws is checked at 4.5:1, every control border, focus ring and
 * icon at 3:1. Also: no stylesheet of the renderer carries a literal colour or uses a token that is not defined.
 */
import { describe, expect, it } from 'vitest';
// Read through Vite (the renderer may not import Node built-ins, tests included).
import TOKENS from './tokens.css?raw';

/** Every stylesheet of the renderer, by path relative to this folder. */
const SHEETS: Readonly<Record<string, string>> = import.meta.glob(['../**/*.css', '!./tokens.css'], { query: '?raw', import: 'default', eager: true });

type Theme = 'light' | 'dark';

function parseColours(css: string): Map<string, Record<Theme, string>> {
  const colours = new Map<string, Record<Theme, string>>();
  for (const match of css.matchAll(/--([a-z0-9-]+):\s*light-dark\(\s*(#[0-9a-f]{6})\s*,\s*(#[0-9a-f]{6})\s*\)/gi)) {
    colours.set(match[1]!, { light: match[2]!, dark: match[3]! });
  }
  return colours;
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

const COLOURS = parseColours(TOKENS);
const SURFACES = ['bg', 'bg-alt', 'bg-toolbar', 'row-hover', 'selection'];

/** [foreground, background]: text needs 4.5:1. */
const TEXT_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ...SURFACES.flatMap((bg) => [['fg', bg] as const, ['fg-muted', bg] as const]),
  ['accent', 'bg'],
  ['accent-fg', 'accent-bg'],
  ['danger', 'bg'],
  ['danger', 'bg-alt'],
  ['danger', 'danger-bg'],
  ['danger-solid-fg', 'danger-solid'],
  ['warning', 'warning-bg'],
  ['success', 'success-bg'],
  // Tooltips invert the page colours.
  ['bg', 'fg'],
];

/** [mark, background]: control borders, focus rings and icons need 3:1 (WCAG 1.4.11). */
const UI_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['border-control', 'bg'],
  ['border-control', 'bg-alt'],
  ['accent', 'bg'],
  ['accent', 'bg-toolbar'],
  ['selection-focus', 'bg'],
  ['selection-focus', 'selection'],
  ...['bg', 'bg-alt', 'selection'].flatMap((bg) => [['folder', bg] as const, ['file', bg] as const]),
];

describe('contrast()', () => {
  it('matches the WCAG reference values', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    // #767676 is the lightest grey that passes 4.5:1 on white.
    expect(contrast('#767676', '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(contrast('#777777', '#ffffff')).toBeLessThan(4.5);
  });
});

describe('tokens.css', () => {
  it('defines every colour of the checked pairs, light and dark', () => {
    const used = new Set([...TEXT_PAIRS, ...UI_PAIRS].flat());
    for (const name of used) expect(COLOURS.has(name), `--${name} is not a light-dark() colour`).toBe(true);
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`${theme}: text pairs reach 4.5:1 and UI marks 3:1`, () => {
      const failures: string[] = [];
      const check = (pairs: typeof TEXT_PAIRS, minimum: number) => {
        for (const [fg, bg] of pairs) {
          const ratio = contrast(COLOURS.get(fg)![theme], COLOURS.get(bg)![theme]);
          if (ratio < minimum) failures.push(`--${fg} on --${bg}: ${ratio.toFixed(2)}:1 < ${minimum}:1`);
        }
      };
      check(TEXT_PAIRS, 4.5);
      check(UI_PAIRS, 3);
      expect(failures).toEqual([]);
    });
  }
});

describe('the renderer stylesheets', () => {
  const sheets = Object.entries(SHEETS);

  it('are found', () => {
    expect(sheets.length).toBeGreaterThan(5);
    // Read as text, not stubbed (vitest.config.ts lets `?raw` stylesheets through).
    expect(SHEETS['../features/browser/browser.css']).toContain('.file-row');
    expect(TOKENS).toContain('--fg:');
  });

  it('carry no literal colour: every colour is a token', () => {
    const literals = sheets.flatMap(([path, css]) =>
      [
        ...css.matchAll(/#[0-9a-fA-F]{3,8}\b|\b(?:rgba?|hsla?)\(|\b(?:Canvas|CanvasText|Highlight|HighlightText)\b|(?<![\w-])(?:white|black)(?![\w-])/g),
      ].map(
        (m) => `${path}: ${m[0]}`,
      ),
    );
    expect(literals).toEqual([]);
  });

  it('use only tokens that tokens.css defines', () => {
    const defined = new Set([...TOKENS.matchAll(/--([a-z0-9-]+):/g)].map((m) => m[1]!));
    const undefinedTokens = sheets.flatMap(([path, css]) => {
      // Properties a sheet sets for itself (e.g. --cols) and Radix's own are not design tokens.
      const local = new Set([...css.matchAll(/--([a-z0-9-]+):/g)].map((m) => m[1]!));
      return [...css.matchAll(/var\(--([a-z0-9-]+)/g)]
        .map((m) => m[1]!)
        .filter((name) => !defined.has(name) && !local.has(name) && !name.startsWith('radix-'))
        .map((name) => `${path}: --${name}`);
    });
    expect(undefinedTokens).toEqual([]);
  });
});
