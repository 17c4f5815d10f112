/** The confirmation's question: a delete names what was selected, then counts what it removes. */
import { basename } from '../../../../shared/keys';
import type { OperationPlan, PlanRequest } from '../../../../shared/operations';
import { formatSize, plural } from '../../lib/format';

export function confirmTitle(request: PlanRequest, plan: Pick<OperationPlan, 'objects' | 'bytes' | 'conflicts'>): string {
  const what = `${plural(plan.objects, 'object')} (${formatSize(plan.bytes)})`;
  if (request.kind !== 'delete') {
    return `${request.kind === 'move' ? 'Move' : 'Copy'} ${what}${plan.conflicts.length ? ', overwriting existing items' : ''}?`;
  }
  const [first] = request.keys;
  if (first === undefined) return `Delete ${what}?`;
  const others = request.keys.length - 1;
  const named = `“${basename(first)}”${others > 0 ? ` and ${plural(others, 'other item')}` : ''}`;
  return `Delete ${named} (${plural(plan.objects, 'object')}, ${formatSize(plan.bytes)})?`;
}
