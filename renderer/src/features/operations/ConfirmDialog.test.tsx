import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { AWS_US_EAST_1, estimateCost } from '../../../../shared/cost';
import { ConfirmDialog } from './ConfirmDialog';

describe('ConfirmDialog', () => {
  const estimate = estimateCost(AWS_US_EAST_1, {
    requests: [{ kind: 'delete', count: 1 }],
    bytesRead: 0,
    bytesWritten: 0,
    removals: [{ storageClass: 'STANDARD_IA', bytes: 1_048_575, ageDays: 0 }],
  });

  it('states sizes with the same formatter as the table (1,048,575 B is "1.0 MB", not "1024 KB")', () => {
    const html = renderToStaticMarkup(
      <ConfirmDialog
        request={{ kind: 'delete', connectionId: 'c', bucket: 'b', keys: ['big.bin'] }}
        plan={{ planId: 'p', kind: 'delete', objects: 1, bytes: 1_048_575, sample: ['big.bin'], conflicts: [], method: null, estimate }}
        onConfirm={() => {}}
        onCancel={() => {}}
      />,
    );
    expect(html).toContain('Delete “big.bin” (1 object, 1.0 MB)?');
    expect(html).not.toContain('1024 KB');
  });

  it('shows the cost estimate and names the price table and its date', () => {
    const html = renderToStaticMarkup(
      <ConfirmDialog
        request={{ kind: 'delete', connectionId: 'c', bucket: 'b', keys: ['big.bin'] }}
        plan={{ planId: 'p', kind: 'delete', objects: 1, bytes: 1_048_575, sample: ['big.bin'], conflicts: [], method: null, estimate }}
        onConfirm={() => {}}
        onCancel={() => {}}
      />,
    );
    // 1,048,575 B of STANDARD_IA deleted on day 0 still owe 30 days at $0.0125 per GB-month: about $0.0000122.
    expect(html).toContain('Early deletion: 1 STANDARD_IA objects younger than 30 days');
    expect(html).toContain('1 DELETE (free)');
    expect(html).toContain('Priced with “AWS S3 list prices, us-east-1”, prices as of 2025-06-01.');
  });
});
