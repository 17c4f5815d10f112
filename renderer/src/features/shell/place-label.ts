/** How a place is named in tabs, bookmarks, recents and the window title. */
import type { PlaceRef } from '../../../../shared/workspace';

/** The folder's own name ("2024"), else the bucket's; "Buckets" for a connection's bucket list. */
export function placeLabel(place: Pick<PlaceRef, 'bucket' | 'prefix'>): string {
  if (place.bucket === null) return 'Buckets';
  const parts = place.prefix.split('/').filter((p) => p !== '');
  return parts[parts.length - 1] ?? place.bucket;
}

/** "bucket/prefix" as the address bar would show it, without the scheme. */
export function placePath(place: Pick<PlaceRef, 'bucket' | 'prefix'>): string {
  return place.bucket === null ? '' : `${place.bucket}/${place.prefix}`;
}

/** The window title: `bucket/prefix — S3 Desk`, the connection's name at its bucket list, else the app name. */
export function windowTitle(place: Pick<PlaceRef, 'bucket' | 'prefix'> | null, connectionName: string | null): string {
  if (place && place.bucket !== null) return `${placePath(place)} — S3 Desk`;
  if (connectionName) return `${connectionName} — S3 Desk`;
  return 'S3 Desk';
}
