import type { PropertiesPlan, RequestCounts } from '../../../../shared/properties';
import { formatSize, plural } from '../../lib/format';
import { CostSummary } from '../operations';

const counts = (r: RequestCounts) =>
  Object.entries(r)
    .filter(([, n]) => n > 0)
    .map(([op, n]) => `${n.toLocaleString()} ${op}`)
    .join(', ');

/** Exactly what the plan in main will do, before it sends anything: objects, bytes, requests, cost. */
export function PlanConfirm({ plan }: { readonly plan: PropertiesPlan }) {
  const atMost = counts(plan.requestsAtMost);
  return (
    <div className="props-plan" data-testid="props-plan">
      <p data-testid="props-plan-summary">
        {`Change ${plural(plan.objects, 'object')} (${formatSize(plan.bytes)})`}
        {plan.copies > 0 ? `; ${plural(plan.copies, 'object')} rewritten by a copy onto itself` : ''}
        {plan.multipartCopies > 0 ? ` (${plural(plan.multipartCopies, 'multipart copy', 'multipart copies')})` : ''}.
      </p>
      <ul data-testid="props-plan-effects">
        {plan.effects.map((e) => (
          <li key={e}>{e}</li>
        ))}
      </ul>
      <p data-testid="props-plan-requests">Requests: {counts(plan.requests) || 'none'}{atMost ? `; and where needed at most ${atMost}` : ''}.</p>
      {plan.sample.length > 0 ? (
        <details>
          <summary>{plan.objects > plan.sample.length ? `First ${plan.sample.length} of ${plural(plan.objects, 'object')}` : 'Objects'}</summary>
          <ul className="props-keys">
            {plan.sample.map((k) => (
              <li key={k}>{k}</li>
            ))}
          </ul>
        </details>
      ) : null}
      <CostSummary estimate={plan.estimate} />
    </div>
  );
}
