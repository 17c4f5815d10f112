/**
 * The tab strip (role="tablist"): click or arrow keys switch, middle-click or × closes, drag reorders, + opens a
 * new tab. The shortcuts that work from anywhere (Ctrl+T, Ctrl+W, Ctrl+Tab, …) are in use-shell-shortcuts.ts.
 */
import { type ReactNode, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { placeLabel, placePath } from './place-label';
import type { ShellStore, ShellTab } from './shell-store';

const TAB_MIME = 'application/x-s3desk-tab';

function useTabLabel(tab: ShellTab, connectionName: (id: string) => string | null): { label: string; title: string } {
  const connection = useStore(tab.browser, (s) => s.connection);
  const location = useStore(tab.browser, (s) => s.location);
  const pending = tab.pending;
  const connName = pending ? (pending.connectionId ? connectionName(pending.connectionId) : null) : (connection?.name ?? null);
  const at = pending ? pending.location : location;
  if (!connName) return { label: 'New tab', title: 'New tab' };
  if (at.bucket === null) return { label: connName, title: `${connName} · buckets` };
  return { label: placeLabel(at), title: `${connName} · s3://${placePath(at)}` };
}

interface TabItemProps {
  readonly tab: ShellTab;
  readonly index: number;
  readonly active: boolean;
  readonly shell: ShellStore;
  readonly onKey: (event: React.KeyboardEvent, index: number) => void;
  readonly tabRef: (el: HTMLButtonElement | null) => void;
}

function TabItem({ tab, index, active, shell, onKey, tabRef }: TabItemProps) {
  const connections = useStore(shell, (s) => s.connections);
  const { label, title } = useTabLabel(tab, (id) => connections.find((c) => c.id === id)?.name ?? null);
  const [dropSide, setDropSide] = useState<'before' | 'after' | null>(null);
  const actions = shell.getState();
  return (
    <div
      className={`tab${active ? ' active' : ''}${dropSide ? ` drop-${dropSide}` : ''}`}
      role="presentation"
      data-testid="tab"
      data-tab-id={tab.id}
      data-active={String(active)}
      draggable
      onDragStart={(e) => {
        e.dataTransfer.setData(TAB_MIME, tab.id);
        e.dataTransfer.effectAllowed = 'move';
      }}
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes(TAB_MIME)) return;
        e.preventDefault();
        const box = e.currentTarget.getBoundingClientRect();
        setDropSide(e.clientX < box.left + box.width / 2 ? 'before' : 'after');
      }}
      onDragLeave={() => setDropSide(null)}
      onDrop={(e) => {
        const id = e.dataTransfer.getData(TAB_MIME);
        setDropSide(null);
        if (!id) return;
        e.preventDefault();
        const tabs = shell.getState().tabs;
        const from = tabs.findIndex((t) => t.id === id);
        const box = e.currentTarget.getBoundingClientRect();
        let to = e.clientX < box.left + box.width / 2 ? index : index + 1;
        if (from < to) to -= 1;
        actions.moveTab(id, to);
      }}
      onMouseDown={(e) => {
        // Middle button: no autoscroll cursor; the tab closes on auxclick.
        if (e.button === 1) e.preventDefault();
      }}
      onAuxClick={(e) => {
        if (e.button === 1) actions.closeTab(tab.id);
      }}
    >
      <button
        type="button"
        role="tab"
        ref={tabRef}
        id={`tab-${tab.id}`}
        aria-selected={active}
        aria-controls="tab-panel"
        tabIndex={active ? 0 : -1}
        className="tab-button"
        title={title}
        onClick={(e) => {
          // A draggable parent keeps Chromium from focusing the button on mousedown; focus it so arrows work next.
          e.currentTarget.focus();
          actions.activate(tab.id);
        }}
        onKeyDown={(e) => onKey(e, index)}
      >
        <span className="tab-label">{label}</span>
      </button>
      {/* Mouse only (a button inside a tab is not allowed); the keyboard closes with Ctrl+W. */}
      <span
        className="tab-close"
        aria-hidden="true"
        title="Close tab (Ctrl+W)"
        data-testid="tab-close"
        onClick={() => actions.closeTab(tab.id)}
      >
        <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
          <path d="M4 4l8 8M12 4l-8 8" />
        </svg>
      </span>
    </div>
  );
}

export interface TabBarProps {
  readonly shell: ShellStore;
  /** Before the tabs (the sidebar toggle) and after the + button (Add bookmark). */
  readonly start: ReactNode;
  readonly end: ReactNode;
}

export function TabBar({ shell, start, end }: TabBarProps) {
  const tabs = useStore(shell, (s) => s.tabs);
  const activeTabId = useStore(shell, (s) => s.activeTabId);
  const refs = useRef(new Map<number, HTMLButtonElement>());

  const onKey = (event: React.KeyboardEvent, index: number) => {
    let next: number | null = null;
    if (event.key === 'ArrowRight') next = (index + 1) % tabs.length;
    else if (event.key === 'ArrowLeft') next = (index - 1 + tabs.length) % tabs.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = tabs.length - 1;
    if (next === null || event.ctrlKey || event.metaKey || event.altKey) return;
    event.preventDefault();
    const tab = tabs[next];
    if (!tab) return;
    shell.getState().activate(tab.id);
    refs.current.get(next)?.focus();
  };

  return (
    <div className="tab-bar" data-testid="tab-bar">
      {start}
      <div className="tab-list" role="tablist" aria-label="Tabs">
        {tabs.map((tab, index) => (
          <TabItem
            key={tab.id}
            tab={tab}
            index={index}
            active={tab.id === activeTabId}
            shell={shell}
            onKey={onKey}
            tabRef={(el) => {
              if (el) refs.current.set(index, el);
              else refs.current.delete(index);
            }}
          />
        ))}
      </div>
      <button type="button" className="tab-new" aria-label="New tab" title="New tab (Ctrl+T)" data-testid="tab-new" onClick={() => shell.getState().newTab()}>
        +
      </button>
      <span className="tab-bar-spacer" />
      {end}
    </div>
  );
}
