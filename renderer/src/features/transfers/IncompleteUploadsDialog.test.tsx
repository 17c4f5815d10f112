import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ok } from '../../../../shared/errors';
import type { IncompleteUpload } from '../../../../shared/transfers';
import { formatAge, IncompleteUploadsView } from './IncompleteUploadsDialog';
import { createIncompleteUploadsStore } from './incomplete-uploads-store';

const MiB = 1024 * 1024;
const upload = (key: string, parts: number, bytes: number, ageSeconds: number | null): IncompleteUpload => ({
  key,
  uploadId: `id-${key}`,
  initiated: ageSeconds === null ? null : '2026-12-01T10:00:00.000Z',
  ageSeconds,
  initiator: 'alice',
  parts,
  bytes,
});

function storeWith(uploads: IncompleteUpload[]) {
  return createIncompleteUploadsStore({
    listIncompleteUploads: async () => ok(uploads),
    planAbortUploads: async (r) => {
      const chosen = r.uploads ? uploads.filter((u) => r.uploads!.some((x) => x.uploadId === u.uploadId)) : uploads;
      return ok({ planId: 'p', count: chosen.length, bytes: chosen.reduce((n, u) => n + u.bytes, 0), uploads: chosen });
    },
    runAbortUploads: async () => ok({ aborted: uploads.length, failed: [] }),
  });
}

/** The view as the connected dialog renders it from the store's state now. */
function render(store: ReturnType<typeof storeWith>): string {
  const s = store.getState();
  return renderToStaticMarkup(
    <IncompleteUploadsView location={s.location!} uploads={s.uploads} busy={s.busy} plan={s.plan} message={s.message} failed={s.failed} actions={s} />,
  );
}

describe('IncompleteUploadsDialog', () => {
  it('shows each upload with age, initiator, parts and size so far, and the total', async () => {
    const store = storeWith([upload('videos/raw.mov', 3, 24 * MiB, 3 * 86_400), upload('b.bin', 0, 0, null)]);
    await store.getState().open({ connectionId: 'c', bucket: 'media' });
    const html = render(store);
    expect(html).toContain('role="dialog"');
    expect(html).toContain('Incomplete uploads in media');
    expect(html).toMatch(/videos\/raw\.mov<\/th><td[^>]*>3 days ago<\/td><td>alice<\/td><td class="num">3<\/td><td class="num"[^>]*>24 MB<\/td>/);
    expect(html).toContain('2 uploads (3 parts, 24 MB)');
    expect(html).not.toContain('incomplete-confirm');
  });

  it('confirms one abort naming the upload, its parts and bytes', async () => {
    const store = storeWith([upload('videos/raw.mov', 3, 24 * MiB, 7200), upload('b.bin', 1, 5 * MiB, 60)]);
    await store.getState().open({ connectionId: 'c', bucket: 'media' });
    await store.getState().planAbort({ key: 'videos/raw.mov', uploadId: 'id-videos/raw.mov' });
    const html = render(store);
    expect(html).toContain('role="alertdialog"');
    expect(html).toContain('Abort the incomplete upload of “videos/raw.mov”?');
    expect(html).toContain('Deletes what was uploaded so far — 1 upload (3 parts, 24 MB) — from media.');
    expect(html).toContain('<code>videos/raw.mov</code> — 3 parts, 24 MB, started 2 h ago');
    expect(html).not.toContain('<code>b.bin</code>');
    expect(html).toContain('>Abort upload</button>');
  });

  it('confirms Abort all with the count in the title and the button', async () => {
    const store = storeWith([upload('a.bin', 1, MiB, 60), upload('b.bin', 2, 2 * MiB, 60)]);
    await store.getState().open({ connectionId: 'c', bucket: 'media' });
    await store.getState().planAbort();
    const html = render(store);
    expect(html).toContain('Abort 2 incomplete uploads in media?');
    expect(html).toContain('2 uploads (3 parts, 3.0 MB)');
    expect(html).toContain('>Abort 2 uploads</button>');
  });

  it('writes ages as people do', () => {
    expect([30, 600, 7200, 86_400, 5 * 86_400].map(formatAge)).toEqual(['just now', '10 min ago', '2 h ago', '1 day ago', '5 days ago']);
  });
});
