/**
 * Proves the e2e harness end to end with whatever the renderer currently renders: the built app loads under
 * the app's CSP, `window.s3desk` has the preload's exact shape, and a call from the page reaches fauxqs
 * through the counting proxy (counted on the wire) and comes back as a result envelope.
 */
import { API_METHODS, EVENT_SUBSCRIPTIONS } from '../shared/ipc';
import { CONTENT_SECURITY_POLICY } from '../main/security';
import { saveScreenshot } from '../testkit/artifacts';
import { callFromPage, expect, test } from '../testkit/app-fixture';

test('the built renderer loads under the app CSP', async ({ page, appUrl }) => {
  const response = await page.goto(appUrl);
  expect(response?.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  await expect(page.getByTestId('app')).toBeVisible();

  // An injected inline script must not run; the browser reports the violation instead.
  const outcome = await page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        document.addEventListener('securitypolicyviolation', (e) => resolve(`blocked ${e.effectiveDirective}`), { once: true });
        const script = document.createElement('script');
        script.textContent = "document.body.dataset['inline'] = 'ran'";
        document.head.append(script);
        setTimeout(() => resolve(document.body.dataset['inline'] === 'ran' ? 'ran' : 'silent'), 2000);
      }),
  );
  expect(outcome).toMatch(/^blocked script-src/);
  await saveScreenshot(page, 'harness-start');
});

test('window.s3desk has exactly the named preload methods and subscriptions', async ({ app }) => {
  const shape = await app.evaluate(() => {
    const api = (window as unknown as { s3desk: Record<string, unknown> }).s3desk;
    return {
      keys: Object.keys(api).sort(),
      kinds: [...new Set(Object.values(api).map((v) => typeof v))],
      frozen: Object.isFrozen(api),
      bridgeGlobals: Object.getOwnPropertyNames(window).filter((k) => k.startsWith('__s3desk')),
      node: [typeof (window as unknown as Record<string, unknown>)['require'], typeof (window as unknown as Record<string, unknown>)['process']],
    };
  });
  expect(shape.keys).toEqual([...Object.keys(API_METHODS), ...Object.keys(EVENT_SUBSCRIPTIONS)].sort());
  expect(shape.keys).not.toContain('invoke');
  expect(shape.kinds).toEqual(['function']);
  expect(shape.frozen).toBe(true);
  expect(shape.bridgeGlobals).toEqual([]);
  expect(shape.node).toEqual(['undefined', 'undefined']);
});

test('a call from the page reaches fauxqs through the proxy', async ({ app, s3, s3Proxy, connection }) => {
  s3.createBucket('alpha');
  s3.seed('beta', [['docs/readme.txt', 'hello']]);
  s3Proxy.reset();

  const result = await callFromPage(app, 'listBuckets', { connectionId: connection.id });
  expect(result).toMatchObject({ ok: true, value: [{ name: 'alpha' }, { name: 'beta' }] });
  expect(s3Proxy.count('ListBuckets')).toBe(1);
  expect(s3Proxy.count()).toBe(1);

  // The core's own validation answers invalid requests from the page; nothing goes on the wire.
  const invalid = await callFromPage(app, 'listObjects', { bucket: 'alpha' } as never);
  expect(invalid).toMatchObject({ ok: false, error: { code: 'InvalidInput' } });
  expect(s3Proxy.count()).toBe(1);
});

test('core events reach page subscriptions until unsubscribed', async ({ app, core, connection, bridgeEvents }) => {
  await app.evaluate(() => {
    const w = window as unknown as { s3desk: { onCacheChanged(l: (p: unknown) => void): () => void }; seen: unknown[]; stop: () => void };
    w.seen = [];
    w.stop = w.s3desk.onCacheChanged((payload) => w.seen.push(payload));
  });
  core.context.invalidate(connection.id, 'alpha', [{ key: 'a/b/f.txt', change: 'put' }]);
  await expect.poll(() => app.evaluate(() => (window as unknown as { seen: unknown[] }).seen)).toEqual([
    { connectionId: connection.id, bucket: 'alpha', prefixes: expect.arrayContaining(['a/', 'a/b/']) },
  ]);

  await app.evaluate(() => (window as unknown as { stop: () => void }).stop());
  core.context.invalidate(connection.id, 'alpha', [{ key: 'c.txt', change: 'delete' }]);
  await bridgeEvents.flush(); // delivered to the page by now, so a listener still attached would have run
  expect(bridgeEvents.log).toHaveLength(2);
  expect(await app.evaluate(() => (window as unknown as { seen: unknown[] }).seen.length)).toBe(1);
});
