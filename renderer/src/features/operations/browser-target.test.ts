import { describe, expect, it } from 'vitest';
import type { ConnectionSummary } from '../../../../shared/types';
import { createFakeApi, folderEntry, objects } from '../../../../testkit/renderer/fake-browser-api';
import { createBrowserStore, createSelectors } from '../browser';
import { browserTarget } from './browser-target';

const connection: ConnectionSummary = { id: 'c1', name: 't', endpoint: null, region: 'us-east-1', forcePathStyle: false, accessKeyHint: null };

describe('browserTarget', () => {
  it('is the shown folder and the visible selection in table order; no place on the bucket list', async () => {
    const fake = createFakeApi();
    fake.setFolder('bucket', 'a/', [[folderEntry('a/sub/'), ...objects('a/', 0, 3)]]);
    const browser = createBrowserStore(fake.api);
    const selectors = createSelectors();
    const visible = () => selectors.selectVisible(browser.getState()).keys;
    await browser.getState().openConnection(connection);
    expect(browserTarget(browser, visible).place).toBeNull();

    await browser.getState().navigate({ bucket: 'bucket', prefix: 'a/' });
    const keys = visible();
    browser.getState().click(keys, keys.indexOf('a/f2'));
    browser.getState().click(keys, keys.indexOf('a/sub/'), { toggle: true });
    expect(browserTarget(browser, visible)).toEqual({
      place: { connectionId: 'c1', bucket: 'bucket', prefix: 'a/' },
      selected: ['a/sub/', 'a/f2'],
      focused: 'a/sub/',
    });
    // A filter hides selected rows from what operations act on.
    browser.getState().setFilter('f2');
    expect(browserTarget(browser, visible).selected).toEqual(['a/f2']);
  });
});
