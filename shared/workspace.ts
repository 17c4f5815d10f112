/**
 * The workspace: the app shell's state that outlives a restart (open tabs with their history, bookmarks,
 * recent locations). Main keeps it in the user-data folder; the renderer reads it once and writes it back.
 */
import type { ConnectionId } from './types';

/** A place in S3: a connection's bucket list (bucket null) or a bucket's folder. */
export interface PlaceRef {
  readonly connectionId: ConnectionId;
  readonly bucket: string | null;
  readonly prefix: string;
}

export interface SavedLocation {
  readonly bucket: string | null;
  readonly prefix: string;
}

export interface WorkspaceTab {
  readonly id: string;
  /** null: an empty tab (the start screen). */
  readonly connectionId: ConnectionId | null;
  readonly location: SavedLocation;
  readonly back: readonly SavedLocation[];
  readonly forward: readonly SavedLocation[];
}

export interface Bookmark extends PlaceRef {
  readonly id: string;
  readonly label: string;
}

export interface RecentPlace extends PlaceRef {
  /** Epoch milliseconds of the visit. */
  readonly at: number;
}

export interface Workspace {
  readonly tabs: readonly WorkspaceTab[];
  readonly activeTabId: string | null;
  readonly bookmarks: readonly Bookmark[];
  /** Newest first, at most RECENTS_LIMIT, one per place. */
  readonly recents: readonly RecentPlace[];
}

export interface WorkspaceSnapshot {
  readonly workspace: Workspace;
  /** Set when the workspace file was unusable (moved aside) or cannot be written. */
  readonly problem: string | null;
}

export const RECENTS_LIMIT = 10;
export const TABS_LIMIT = 50;
export const BOOKMARKS_LIMIT = 500;
export const TAB_HISTORY_LIMIT = 100;

export const EMPTY_WORKSPACE: Workspace = { tabs: [], activeTabId: null, bookmarks: [], recents: [] };

export function samePlace(a: PlaceRef, b: PlaceRef): boolean {
  return a.connectionId === b.connectionId && a.bucket === b.bucket && a.prefix === b.prefix;
}

/** Put a visit at the front: an earlier visit of the same place is dropped, the list stays bounded. */
export function addRecent(recents: readonly RecentPlace[], visit: RecentPlace): RecentPlace[] {
  return [visit, ...recents.filter((r) => !samePlace(r, visit))].slice(0, RECENTS_LIMIT);
}
