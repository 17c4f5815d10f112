/**
 * Which command a key press starts, from the shared bindings and the registry's rules. Pure: the DOM side
 * (useCommandShortcuts) only describes the focused element.
 */
import { type Accelerator, type KeyPress, matchesPress, parseAccelerator } from '../../../shared/accelerator';
import { COMMANDS, type CommandId, keysOf } from '../../../shared/commands';
import { REGISTRY } from './registry';

export interface FocusedElement {
  /** A text field, text area, select or editable element: keys edit text there. */
  readonly typing: boolean;
  /** A button, link, menu item, tab or checkbox: Space and Enter activate it. */
  readonly control: boolean;
  /** Inside the file table, whose own handler owns Enter, arrows and Ctrl+A. */
  readonly table: boolean;
}

interface Binding {
  readonly id: CommandId;
  readonly acc: Accelerator;
}

const cache = new Map<boolean, readonly Binding[]>();

function bindings(mac: boolean): readonly Binding[] {
  let list = cache.get(mac);
  if (!list) {
    list = COMMANDS.flatMap((def) =>
      keysOf(def, mac).flatMap((text) => {
        const acc = parseAccelerator(text);
        return acc ? [{ id: def.id, acc }] : [];
      }),
    );
    cache.set(mac, list);
  }
  return list;
}

const bare = (acc: Accelerator) => !acc.primary && !acc.alt && !/^F\d+$/.test(acc.key);

export function commandForKey(press: KeyPress, mac: boolean, focused: FocusedElement): CommandId | null {
  for (const { id, acc } of bindings(mac)) {
    if (!matchesPress(acc, press, mac)) continue;
    const impl = REGISTRY[id];
    if (focused.typing && (bare(acc) || !impl.inTextFields)) return null;
    if (focused.control && (acc.key === 'Space' || acc.key === 'Enter') && bare(acc)) return null;
    if (impl.tableKeys && focused.table) return null;
    return id;
  }
  return null;
}

/** The shortcut shown next to a command's label (its first binding), or null. */
export function shortcutLabel(id: CommandId, mac: boolean, format: (text: string, mac: boolean) => string): string | null {
  const def = COMMANDS.find((c) => c.id === id);
  const first = def ? keysOf(def, mac)[0] : undefined;
  return first ? format(first, mac) : null;
}
