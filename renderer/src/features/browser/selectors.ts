/** Derived state for the browser's components. Memoized on input identity: 100k rows are filtered and sorted
 *  once per change of rows, sort or filter, not once per render. */
import { s3Uri } from '../../../../shared/keys';
import { type Row, viewRows, withExtraRows } from '../../lib/rows';
import type { BrowserState, Location } from './browser-store';

function memoize<A extends readonly unknown[], R>(compute: (...args: A) => R): (...args: A) => R {
  let lastArgs: A | null = null;
  let last: R;
  return (...args: A) => {
    if (lastArgs && lastArgs.length === args.length && lastArgs.every((a, i) => a === args[i])) return last;
    last = compute(...args);
    lastArgs = args;
    return last;
  };
}

export interface VisibleRows {
  readonly rows: readonly Row[];
  readonly keys: readonly string[];
}

/** One memo per store: each store gets its own selector instance. */
export function createSelectors() {
  const merged = memoize(withExtraRows);
  const visible = memoize((rows: BrowserState['listing']['rows'], extra: BrowserState['extraRows'], sort: BrowserState['sort'], filter: string): VisibleRows => {
    const shown = viewRows(merged(rows, extra), sort, filter);
    return { rows: shown, keys: shown.map((r) => r.key) };
  });

  const summary = memoize((rows: readonly Row[], selected: ReadonlySet<string>) => {
    let folders = 0;
    let files = 0;
    let totalBytes = 0;
    let selectedBytes = 0;
    let selectedCount = 0;
    let selectedFolders = 0;
    for (const row of rows) {
      if (row.folder) folders += 1;
      else {
        files += 1;
        totalBytes += row.size;
      }
      if (selected.has(row.key)) {
        selectedCount += 1;
        if (row.folder) selectedFolders += 1;
        else selectedBytes += row.size;
      }
    }
    return { folders, files, totalBytes, selectedBytes, selectedCount, selectedFolders };
  });

  return {
    selectVisible: (s: BrowserState) => visible(s.listing.rows, s.extraRows, s.sort, s.filter),
    selectSummary: (s: BrowserState) => summary(s.listing.rows, s.selection.selected),
  };
}

export type FolderSummary = ReturnType<ReturnType<typeof createSelectors>['selectSummary']>;

export interface Crumb {
  readonly label: string;
  readonly location: Location;
}

/** "Buckets › my-bucket › a › b" for a location; each crumb navigates. */
export function breadcrumbsOf(location: Location): Crumb[] {
  const crumbs: Crumb[] = [{ label: 'Buckets', location: { bucket: null, prefix: '' } }];
  if (location.bucket === null) return crumbs;
  crumbs.push({ label: location.bucket, location: { bucket: location.bucket, prefix: '' } });
  let prefix = '';
  for (const part of location.prefix.split('/').slice(0, -1)) {
    prefix += `${part}/`;
    crumbs.push({ label: part === '' ? '(empty)' : part, location: { bucket: location.bucket, prefix } });
  }
  return crumbs;
}

/** The address bar's text for a location. */
export function addressOf(location: Location): string {
  return location.bucket === null ? 's3://' : s3Uri(location.bucket, location.prefix);
}

export const selectCanGoBack = (s: BrowserState) => s.back.length > 0;
export const selectCanGoForward = (s: BrowserState) => s.forward.length > 0;
export const selectLoadingMore = (s: BrowserState) => s.listing.status === 'ready' && !s.listing.complete;
