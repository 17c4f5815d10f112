/**
 * The table's words for an archived object's restore (issue 15): "restoring…" while S3 brings it back,
 * "restored until <date>" while the temporary copy is readable. Pure: no request, no clock.
 */
import type { RestoreState } from '../../../shared/properties';
import { formatDate, formatIsoDate } from './format';

export interface RestoreLabel {
  readonly state: 'in-progress' | 'available';
  readonly text: string;
  /** The hover text: what it means for a download. */
  readonly title: string;
}

export function restoreLabel(restore: RestoreState | undefined, locale?: string, timeZone?: string): RestoreLabel | null {
  if (!restore || restore.state === 'none') return null;
  if (restore.state === 'in-progress') {
    return { state: 'in-progress', text: 'restoring…', title: 'Restore in progress: the object can be downloaded once it is done' };
  }
  const until = restore.until === null ? null : formatDate(restore.until, locale, timeZone);
  return {
    state: 'available',
    text: until ? `restored until ${until}` : 'restored',
    title: restore.until === null ? 'Restored: readable for now' : `Restored: readable until ${formatIsoDate(restore.until)}`,
  };
}
