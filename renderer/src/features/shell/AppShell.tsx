/**
 * The window's frame: sidebar, tab strip, and the active tab's content (the start screen for an empty tab, the
 * browser otherwise). Sets the window title from the active tab: Electron mirrors document.title onto the
 * BrowserWindow, so no channel is needed.
 */
import { type ReactNode, useCallback, useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { BrowserStore } from '../browser';
import { windowTitle } from './place-label';
import './shell.css';
import type { ShellStore } from './shell-store';
import { Sidebar } from './Sidebar';
import { TabBar } from './TabBar';
import { useActivePlace } from './use-active-place';
import { useShellShortcuts } from './use-shell-shortcuts';

/** Below this width the sidebar starts hidden (and hides when the window narrows past it), so the table keeps its room (the window allows 720 px). */
const NARROW_PX = 960;

export interface AppShellProps {
  readonly shell: ShellStore;
  /** The active tab's content: the browser or the start screen, for its store. */
  readonly children: (browser: BrowserStore, tabId: string) => ReactNode;
}

function SidebarIcon() {
  return (
    <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" className="icon icon-sidebar">
      <rect x="1.5" y="2.5" width="13" height="11" rx="1.5" />
      <path d="M6 2.5v11" />
    </svg>
  );
}

function BookmarkIcon({ filled }: { readonly filled: boolean }) {
  return (
    <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" className={`icon icon-star${filled ? ' filled' : ''}`}>
      <path d="M8 1.8l1.9 3.9 4.3.6-3.1 3 .7 4.3L8 11.6l-3.8 2 .7-4.3-3.1-3 4.3-.6z" />
    </svg>
  );
}

export function AppShell({ shell, children }: AppShellProps) {
  const status = useStore(shell, (s) => s.status);
  const tab = useStore(shell, (s) => s.tabs.find((t) => t.id === s.activeTabId));
  const problem = useStore(shell, (s) => s.problem);
  const bookmarks = useStore(shell, (s) => s.bookmarks);
  const { place, connection } = useActivePlace(shell);
  const [sidebarOpen, setSidebarOpen] = useState(() => typeof window === 'undefined' || window.innerWidth >= NARROW_PX);
  const toggleSidebar = useCallback(() => setSidebarOpen((open) => !open), []);
  useShellShortcuts(shell, toggleSidebar);
  // Narrowing the window below NARROW_PX hides the sidebar once (the toolbar and table need the room); the
  // user can still show it again at any width.
  useEffect(() => {
    let wide = window.innerWidth >= NARROW_PX;
    const onResize = () => {
      const nowWide = window.innerWidth >= NARROW_PX;
      if (wide && !nowWide) setSidebarOpen(false);
      wide = nowWide;
    };
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);

  useEffect(() => {
    void shell.getState().load();
  }, [shell]);

  const title = windowTitle(place, connection?.name ?? null);
  useEffect(() => {
    document.title = title;
  }, [title]);

  const bookmarked = place !== null && bookmarks.some((m) => m.connectionId === place.connectionId && m.bucket === place.bucket && m.prefix === place.prefix);
  const canBookmark = place !== null && place.bucket !== null && !bookmarked;

  const toggle = (
    <button
      type="button"
      className="icon-button"
      aria-label={sidebarOpen ? 'Hide sidebar' : 'Show sidebar'}
      aria-pressed={sidebarOpen}
      title={`${sidebarOpen ? 'Hide' : 'Show'} sidebar (Ctrl+B)`}
      data-testid="sidebar-toggle"
      onClick={toggleSidebar}
    >
      <SidebarIcon />
    </button>
  );

  return (
    <div className={`app-shell${sidebarOpen ? ' with-sidebar' : ''}`} data-testid="app-shell" data-status={status}>
      {sidebarOpen ? <Sidebar shell={shell} /> : null}
      <div className="shell-main">
        <TabBar
          shell={shell}
          start={toggle}
          end={
            <button
              type="button"
              className="icon-button"
              aria-label={bookmarked ? 'Bookmarked' : 'Add bookmark'}
              title={bookmarked ? 'This folder is bookmarked' : 'Add bookmark (Ctrl+D)'}
              disabled={!canBookmark}
              data-testid="add-bookmark"
              onClick={() => shell.getState().addBookmark()}
            >
              <BookmarkIcon filled={bookmarked} />
            </button>
          }
        />
        {problem ? (
          <p className="banner warning shell-problem" role="alert" data-testid="workspace-problem">
            {problem}
          </p>
        ) : null}
        <div className="tab-panel" id="tab-panel" role="tabpanel" aria-labelledby={tab ? `tab-${tab.id}` : undefined}>
          {tab && status === 'ready' ? children(tab.browser, tab.id) : null}
        </div>
      </div>
    </div>
  );
}
