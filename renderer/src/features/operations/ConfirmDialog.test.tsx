import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ConfirmDialog } from './ConfirmDialog';

describe('ConfirmDialog', () => {
  it('states sizes with the same formatter as the table (1,048,575 B is "1.0 MB", not "1024 KB")', () => {
    const html = renderToStaticMarkup(
      <ConfirmDialog
        request={{ kind: 'delete', connectionId: 'c', bucket: 'b', keys: ['big.bin'] }}
        plan={{ planId: 'p', kind: 'delete', objects: 1, bytes: 1_048_575, sample: ['big.bin'], conflicts: [], method: null }}
        onConfirm={() => {}}
        onCancel={() => {}}
      />,
    );
    expect(html).toContain('Delete “big.bin” (1 object, 1.0 MB)?');
    expect(html).not.toContain('1024 KB');
  });
});
