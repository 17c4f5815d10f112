/**
 * A comparison becomes an ordinary plan: exact actions with counts and bytes, and every row left out listed
 * with its reason. Pure, so each direction's rules are unit-tested. Deleting the changed side's extras is off
 * unless asked; unverified rows are never overwritten (nothing proves they differ); both-ways sync lets the
 * newer side win and lists equal-time differences as conflicts.
 */
import type { GroupTotals, SyncAction, SyncActionKind, SyncDirection, SyncLocation, SyncPlan, SyncRow } from '../../shared/sync';

const KINDS: readonly SyncActionKind[] = ['upload', 'download', 'copy', 'delete-local', 'delete-s3'];

/** The action that writes `to` from `from`. */
function writeKind(from: SyncLocation, to: SyncLocation): SyncActionKind {
  if (from.kind === 'local') return 'upload';
  return to.kind === 'local' ? 'download' : 'copy';
}

const deleteKind = (side: SyncLocation): SyncActionKind => (side.kind === 'local' ? 'delete-local' : 'delete-s3');

export function planSync(
  rows: readonly SyncRow[],
  sides: { readonly left: SyncLocation; readonly right: SyncLocation },
  direction: SyncDirection,
  deleteExtras: boolean,
): Omit<SyncPlan, 'planId'> {
  const actions: SyncAction[] = [];
  const skipped: { key: string; reason: string }[] = [];
  const toRight = writeKind(sides.left, sides.right);
  const toLeft = writeKind(sides.right, sides.left);
  for (const row of rows) {
    const lb = row.left?.size ?? 0;
    const rb = row.right?.size ?? 0;
    switch (row.group) {
      case 'same':
        break;
      case 'excluded':
      case 'unverified':
        skipped.push({ key: row.key, reason: row.reason });
        break;
      case 'left-only':
        if (direction === 'make-left') {
          if (deleteExtras) actions.push({ kind: deleteKind(sides.left), toward: 'left', key: row.key, bytes: lb, reason: 'only on the left; extras deleted as asked' });
          else skipped.push({ key: row.key, reason: 'only on the left; extras are kept (deleting them was not asked for)' });
        } else actions.push({ kind: toRight, toward: 'right', key: row.key, bytes: lb, reason: 'only on the left' });
        break;
      case 'right-only':
        if (direction === 'make-right') {
          if (deleteExtras) actions.push({ kind: deleteKind(sides.right), toward: 'right', key: row.key, bytes: rb, reason: 'only on the right; extras deleted as asked' });
          else skipped.push({ key: row.key, reason: 'only on the right; extras are kept (deleting them was not asked for)' });
        } else actions.push({ kind: toLeft, toward: 'left', key: row.key, bytes: rb, reason: 'only on the right' });
        break;
      case 'different': {
        if (direction === 'make-right') actions.push({ kind: toRight, toward: 'right', key: row.key, bytes: lb, reason: row.reason });
        else if (direction === 'make-left') actions.push({ kind: toLeft, toward: 'left', key: row.key, bytes: rb, reason: row.reason });
        else {
          const lt = row.left?.lastModified ?? 0;
          const rt = row.right?.lastModified ?? 0;
          if (lt > rt) actions.push({ kind: toRight, toward: 'right', key: row.key, bytes: lb, reason: `${row.reason}; left is newer` });
          else if (rt > lt) actions.push({ kind: toLeft, toward: 'left', key: row.key, bytes: rb, reason: `${row.reason}; right is newer` });
          else skipped.push({ key: row.key, reason: `conflict: ${row.reason}, and both sides have the same time` });
        }
        break;
      }
    }
  }
  const totals = Object.fromEntries(KINDS.map((k) => [k, { count: 0, bytes: 0 }])) as Record<SyncActionKind, { count: number; bytes: number }>;
  for (const a of actions) {
    totals[a.kind].count++;
    totals[a.kind].bytes += a.bytes;
  }
  return { direction, deleteExtras, actions, totals: totals as Record<SyncActionKind, GroupTotals>, skipped };
}
