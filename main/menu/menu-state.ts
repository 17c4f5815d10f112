/**
 * The core's side of the native menu: remembers which commands the renderer says cannot run, tells the
 * Electron menu glue (a MenuHost; absent in tests and e2e) when that changes, and turns a menu click into the
 * `menu:command` event for the renderer.
 */
import type { CommandId } from '../../shared/commands';
import type { EventSink } from '../../shared/ipc';

export interface MenuHost {
  /** Grey out exactly these commands. */
  update(disabled: ReadonlySet<CommandId>): void;
}

export class MenuState {
  #disabled: ReadonlySet<CommandId> = new Set();
  readonly #events: EventSink;
  readonly #host: MenuHost | undefined;

  constructor(events: EventSink, host?: MenuHost) {
    this.#events = events;
    this.#host = host;
  }

  get disabled(): ReadonlySet<CommandId> {
    return this.#disabled;
  }

  setDisabled(ids: readonly CommandId[]): void {
    const next = new Set(ids);
    if (next.size === this.#disabled.size && [...next].every((id) => this.#disabled.has(id))) return;
    this.#disabled = next;
    this.#host?.update(next);
  }

  /** A native menu item was clicked (or a spec stands in for one). */
  command(id: CommandId): void {
    this.#events('menu:command', { id });
  }
}
