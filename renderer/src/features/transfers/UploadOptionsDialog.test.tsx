import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../../../shared/errors';
import type { UploadDefaults, UploadOptions } from '../../../../shared/upload-options';
import { UploadOptionsView } from './UploadOptionsDialog';
import { createUploadOptionsStore } from './upload-options-store';

const TARGET = { connectionId: 'c', bucket: 'media', prefix: 'in/' };

function setup(defaults: UploadDefaults = {}, picked = ['/home/u/a.txt', '/home/u/b.png']) {
  const saved: UploadDefaults[] = [];
  const queued: Array<{ paths: readonly string[]; options: UploadOptions }> = [];
  const store = createUploadOptionsStore(
    {
      pickUploadPaths: async () => ok({ paths: picked }),
      uploadDefaults: async () => ok(defaults),
      setUploadDefaults: async (r) => {
        saved.push(r.defaults);
        return ok(r.defaults);
      },
    },
    async (_t, paths, options) => void queued.push({ paths, options }),
  );
  return { store, saved, queued };
}

function render(store: ReturnType<typeof setup>['store']): string {
  const s = store.getState();
  return renderToStaticMarkup(<UploadOptionsView target={s.target!} paths={s.paths} draft={s.draft} saveDefaults={s.saveDefaults} busy={s.busy} error={s.error} actions={s} />);
}

describe('Upload with options', () => {
  it('opens on the picked files and the connection defaults', async () => {
    const { store } = setup({ storageClass: 'STANDARD_IA', tags: { team: 'blue' } });
    await store.getState().open(TARGET);
    const html = render(store);
    expect(html).toContain('role="dialog"');
    expect(html).toContain('Upload 2 files with options');
    expect(html).toContain('s3://media/in/');
    expect(html).toContain('<li>a.txt</li><li>b.png</li>');
    expect(html).toMatch(/<option value="STANDARD_IA" selected="">STANDARD_IA<\/option>/);
    expect(html).toMatch(/<option value="bucket-default" selected="">Bucket default/);
    expect(html).toMatch(/data-testid="upopts-tags-name" value="team"/);
    expect(html).toContain('placeholder="guessed from each file&#x27;s name"');
    expect(html).not.toContain('upopts-problems');
  });

  it('nothing picked: no dialog', async () => {
    const { store } = setup({}, []);
    await store.getState().open(TARGET);
    expect(store.getState().target).toBeNull();
  });

  it('refuses bad input as typed, with the reason, and cannot upload', async () => {
    const { store, queued } = setup();
    await store.getState().open(TARGET);
    store.getState().addRow('metadata');
    const id = store.getState().draft.metadata[0]!.id;
    store.getState().changeRow('metadata', id, { name: 'Reviewed By', value: 'ann' });
    const html = render(store);
    expect(html).toContain('data-testid="upopts-problems"');
    expect(html).toContain('lower case');
    expect(html).toMatch(/<button type="button" class="primary" disabled="" data-testid="upopts-upload">/);
    await store.getState().submit();
    expect(queued).toEqual([]);
  });

  it('uploads with the options chosen, and saves them as defaults only when asked', async () => {
    const { store, saved, queued } = setup();
    await store.getState().open(TARGET);
    const s = store.getState();
    s.update({ storageClass: 'GLACIER_IR', encryption: 'aws:kms', contentType: 'text/plain' });
    expect(render(store)).toContain('data-testid="upopts-kms-key"');
    s.addRow('tags');
    s.changeRow('tags', store.getState().draft.tags[0]!.id, { name: 'team', value: 'blue' });
    s.setSaveDefaults(true);
    await s.submit();
    expect(saved).toEqual([{ storageClass: 'GLACIER_IR', encryption: { kind: 'aws:kms' }, tags: { team: 'blue' } }]);
    expect(queued).toEqual([
      { paths: ['/home/u/a.txt', '/home/u/b.png'], options: { storageClass: 'GLACIER_IR', encryption: { kind: 'aws:kms' }, contentType: 'text/plain', tags: { team: 'blue' } } },
    ]);
    expect(store.getState().target).toBeNull();

    const again = setup();
    await again.store.getState().open(TARGET);
    await again.store.getState().submit();
    expect(again.saved).toEqual([]);
    expect(again.queued[0]?.options).toEqual({ encryption: { kind: 'bucket-default' } });
  });

  it('a failed save keeps the form open with the reason and queues nothing', async () => {
    const queued: unknown[] = [];
    const store = createUploadOptionsStore(
      {
        pickUploadPaths: async () => ok({ paths: ['/a'] }),
        uploadDefaults: async () => ok({}),
        setUploadDefaults: async () => fail('AccessDenied', 'settings:set-upload-defaults: no'),
      },
      async () => void queued.push(1),
    );
    await store.getState().open(TARGET);
    store.getState().setSaveDefaults(true);
    await store.getState().submit();
    expect(queued).toEqual([]);
    expect(store.getState().target).toEqual(TARGET);
    expect(render(store)).toContain('data-testid="upopts-error"');
  });
});
