import type { CostEstimate } from '../../../../shared/cost';
import { formatUsd } from '../../../../shared/cost';
import { formatSize } from '../../lib/format';

/**
 * The estimate every plan confirmation shows before "Run": total first, then each billed line, the requests by
 * class and the bytes over the network, and which price table (with its date) priced them.
 */
export function CostSummary({ estimate }: { readonly estimate: CostEstimate }) {
  const r = estimate.requests;
  return (
    <details className="ops-cost" data-testid="ops-cost">
      <summary>
        Estimated cost: <strong data-testid="ops-cost-total">{formatUsd(estimate.totalUsd)}</strong>
        {estimate.earlyDeletion.objects > 0 && <> — includes early deletion of {estimate.earlyDeletion.objects.toLocaleString()} objects</>}
      </summary>
      <table>
        <tbody>
          {estimate.lines.map((l) => (
            <tr key={l.label}>
              <td>{l.label}</td>
              <td>{formatUsd(l.usd)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p data-testid="ops-cost-requests">
        Requests: {r.list.toLocaleString()} LIST, {r.put.toLocaleString()} PUT/COPY/POST, {r.get.toLocaleString()} GET/HEAD,{' '}
        {r.delete.toLocaleString()} DELETE (free). Network: {formatSize(estimate.bytesRead)} down, {formatSize(estimate.bytesWritten)} up.
      </p>
      {estimate.notes.map((n) => (
        <p key={n}>{n}</p>
      ))}
      <p className="ops-cost-table" data-testid="ops-cost-table">
        Priced with “{estimate.table.name}”, prices as of {estimate.table.asOf}.
      </p>
    </details>
  );
}
