import { describe, expect, it } from 'vitest';
import { parseAccelerator } from '../../shared/accelerator';
import { COMMAND_IDS, type CommandId } from '../../shared/commands';
import { buildMenuTemplate, type MenuTemplateItem } from './menu-template';

function flatten(items: readonly MenuTemplateItem[]): MenuTemplateItem[] {
  return items.flatMap((item) => [item, ...flatten(item.submenu ?? [])]);
}

function build(platform: NodeJS.Platform, disabled: readonly string[] = []) {
  const clicked: CommandId[] = [];
  const template = buildMenuTemplate({ platform, appName: 'S3 Desk', isDev: false, disabled: new Set(disabled), onCommand: (id) => clicked.push(id) });
  return { template, items: flatten(template), clicked };
}

describe('native menu template', () => {
  for (const platform of ['darwin', 'win32', 'linux'] as const) {
    it(`${platform}: every command exactly once, valid accelerators, no duplicate ids or keys`, () => {
      const { items } = build(platform);
      const ids = items.flatMap((i) => (i.id ? [i.id] : []));
      expect([...ids].sort()).toEqual([...COMMAND_IDS].sort());
      const accelerators = items.flatMap((i) => (i.accelerator ? [i.accelerator] : []));
      for (const a of accelerators) expect(parseAccelerator(a), a).not.toBeNull();
      expect(new Set(accelerators).size).toBe(accelerators.length);
    });

    it(`${platform}: no separator at an edge or next to another`, () => {
      const { template } = build(platform);
      for (const menu of template) {
        const sub = menu.submenu ?? [];
        expect(sub[0]?.type, menu.label).not.toBe('separator');
        expect(sub[sub.length - 1]?.type, menu.label).not.toBe('separator');
        sub.forEach((item, i) => {
          if (item.type === 'separator') expect(sub[i + 1]?.type).not.toBe('separator');
        });
      }
    });
  }

  it('has File, Edit, View, Go, Window, and the app menu first on macOS', () => {
    expect(build('linux').template.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Go', 'Window']);
    expect(build('darwin').template.map((m) => m.label)).toEqual(['S3 Desk', 'File', 'Edit', 'View', 'Go', 'Window']);
    expect(build('darwin').template[0]?.submenu?.some((i) => i.id === 'settings')).toBe(true);
  });

  it('a click reports the command id; disabled commands are greyed out', () => {
    const { items, clicked } = build('linux', ['delete']);
    const del = items.find((i) => i.id === 'delete');
    const back = items.find((i) => i.id === 'back');
    expect(del?.enabled).toBe(false);
    expect(back?.enabled).toBe(true);
    expect(back?.accelerator).toBe('Alt+Left');
    back?.click?.();
    expect(clicked).toEqual(['back']);
  });

  it('shows accelerators without registering them (the renderer dispatches keys)', () => {
    const { items } = build('win32');
    const bound = items.filter((i) => i.id && i.accelerator);
    expect(bound.length).toBeGreaterThan(20);
    for (const item of bound) expect(item.registerAccelerator, item.id).toBe(false);
  });

  it('on macOS no menu item binds a bare key (it would be taken from text fields)', () => {
    const { items } = build('darwin');
    for (const item of items.filter((i) => i.accelerator)) {
      const acc = parseAccelerator(item.accelerator as string);
      expect(acc?.primary || acc?.alt || /^F\d+$/.test(acc?.key ?? ''), `${item.id}: ${item.accelerator}`).toBe(true);
    }
    expect(items.find((i) => i.id === 'delete')?.accelerator).toBe('CmdOrCtrl+Backspace');
    expect(items.find((i) => i.id === 'preview')?.accelerator).toBeUndefined();
    expect(build('linux').items.find((i) => i.id === 'preview')?.accelerator).toBe('Space');
  });

  it('on macOS the clipboard items are edit roles, so text fields keep Cmd+C/V', () => {
    const { items } = build('darwin');
    expect(items.find((i) => i.id === 'copy')?.role).toBe('copy');
    expect(items.find((i) => i.id === 'select-all')?.role).toBe('selectAll');
    expect(build('linux').items.find((i) => i.id === 'copy')?.role).toBeUndefined();
  });
});
