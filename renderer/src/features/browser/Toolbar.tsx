import type { ReactNode } from 'react';

export interface ToolbarProps {
  readonly canGoBack: boolean;
  readonly canGoForward: boolean;
  readonly canGoUp: boolean;
  readonly busy: boolean;
  readonly onBack: () => void;
  readonly onForward: () => void;
  readonly onUp: () => void;
  readonly onRefresh: () => void;
  readonly children: ReactNode;
}

/** Back / Forward / Up / Refresh, then whatever the view puts after them (address bar, filter). */
export function Toolbar(props: ToolbarProps) {
  return (
    <div className="toolbar" role="toolbar" aria-label="Navigation">
      <button type="button" className="icon-button" title="Back (Alt+Left)" aria-label="Back" disabled={!props.canGoBack} onClick={props.onBack} data-testid="nav-back">
        ←
      </button>
      <button type="button" className="icon-button" title="Forward (Alt+Right)" aria-label="Forward" disabled={!props.canGoForward} onClick={props.onForward} data-testid="nav-forward">
        →
      </button>
      <button type="button" className="icon-button" title="Parent folder (Backspace, Alt+Up)" aria-label="Up" disabled={!props.canGoUp} onClick={props.onUp} data-testid="nav-up">
        ↑
      </button>
      <button type="button" className={`icon-button${props.busy ? ' busy' : ''}`} title="Refresh (F5, Ctrl+R)" aria-label="Refresh" onClick={props.onRefresh} data-testid="nav-refresh">
        ⟳
      </button>
      {props.children}
    </div>
  );
}
