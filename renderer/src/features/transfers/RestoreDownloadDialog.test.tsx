import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ARCHIVED_NOTE, type TransferItem } from '../../../../shared/transfers';
import { RestoreDownloadDialog } from './RestoreDownloadDialog';
import { TransferRow } from './TransferPanel';

const item = (id: string, patch: Partial<TransferItem>): TransferItem => ({
  id,
  batchId: 'b',
  direction: 'download',
  connectionId: 'c',
  bucket: 'bk',
  key: `vault/${id}.bin`,
  localPath: `/d/${id}.bin`,
  size: 10,
  transferred: 0,
  state: 'failed',
  error: null,
  note: null,
  rate: 0,
  etaSeconds: null,
  ...patch,
});

describe('Restore and download (transfer panel)', () => {
  it('an archived failure offers Restore and download instead of Retry; other failures keep Retry', () => {
    const archived = item('a', { note: ARCHIVED_NOTE, error: { code: 'Conflict', message: 'vault/a.bin is archived (GLACIER or DEEP_ARCHIVE) and not restored' } });
    const other = item('b', { error: { code: 'Network', message: 'cannot reach the server' } });
    const actions = { onCancel: () => {}, onRetry: () => {}, onPause: () => {}, onResume: () => {}, onRestore: () => {} };
    const html = [archived, other].map((i) => renderToStaticMarkup(<TransferRow item={i} actions={actions} />)).join('');
    expect(html.match(/data-testid="transfer-restore"/g)).toHaveLength(1);
    expect(html.match(/data-testid="transfer-retry"/g)).toHaveLength(1);
    expect(html).toContain('is archived (GLACIER or DEEP_ARCHIVE) and not restored');
  });

  it('the question names the object, the tiers with their times, and what waiting means', () => {
    const html = renderToStaticMarkup(<RestoreDownloadDialog objectKey="vault/a.bin" onAnswer={() => {}} />);
    expect(html).toContain('Restore and download a.bin');
    expect(html).toContain('Standard (3–5 hours)');
    expect(html).toContain('checks at intervals');
    expect(html).toMatch(/<option value="Standard" selected="">/);
  });
});
