import { describe, expect, it } from 'vitest';
import type { CommandId } from '../../shared/commands';
import { MenuState } from './menu-state';

describe('menu state', () => {
  it('tells the host only about changes, and turns a click into the renderer event', () => {
    const events: Array<[string, unknown]> = [];
    const updates: CommandId[][] = [];
    const menu = new MenuState((channel, payload) => events.push([channel, payload]), { update: (d) => updates.push([...d]) });
    menu.setDisabled(['delete', 'rename']);
    menu.setDisabled(['rename', 'delete']);
    menu.setDisabled([]);
    expect(updates).toEqual([['delete', 'rename'], []]);
    menu.command('new-folder');
    expect(events).toEqual([['menu:command', { id: 'new-folder' }]]);
  });
});
