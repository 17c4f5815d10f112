import type { RestoreState } from '../../../shared/properties';
import { ARCHIVE_CLASSES } from '../../../shared/properties';
import { formatDate } from './format';

/**
 * An archived object's restore state in words, from x-amz-restore: "Restoring…", "Available until …", or for
 * an archive-class object nobody asked to restore, that it must be restored first. Empty when it says nothing.
 */
export function restoreText(storageClass: string, restore: RestoreState, locale?: string, timeZone?: string): string {
  if (restore.state === 'in-progress') return 'Restoring…';
  if (restore.state === 'available') return restore.until === null ? 'Restored copy available' : `Available until ${formatDate(restore.until, locale, timeZone)}`;
  return ARCHIVE_CLASSES.has(storageClass) ? 'Archived: restore it before reading' : '';
}
