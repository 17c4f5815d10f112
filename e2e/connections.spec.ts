/**
 * Connections end to end: add a connection through the dialog, test it (a wrong secret first, as S3 answers
 * it), browse with it, then restart the app (a new core with the same user-data folder and keyring, a fresh
 * page) and find it still there, usable, with no secret on disk in plain text.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../main/core/create-core';
import { SETTINGS_FILE_NAME } from '../main/connections/settings-file';
import { test as base, expect } from '../testkit/app-fixture';
import { createFakeSecretBox, type FakeSecretBox } from '../testkit/fake-secret-box';
import { BridgeEvents, installBridge } from '../testkit/preload-bridge';
import { TEST_CREDENTIALS } from '../testkit/s3-server';
import { makeSelfSignedCert, opensslAvailable, startTlsFront } from '../testkit/tls-front';

/** Each test gets its own user-data folder and keyring, shared by its cores (so a restart can decrypt). */
const test = base.extend<{ userData: { readonly dir: string; readonly box: FakeSecretBox } }>({
  userData: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 's3desk-e2e-userdata-'));
    await use({ dir, box: createFakeSecretBox() });
    rmSync(dir, { recursive: true, force: true });
  },
  coreOptions: async ({ userData }, use) => {
    await use({ userDataDir: userData.dir, secretBox: userData.box });
  },
});

test('add a connection in the dialog, test it, browse with it, and find it again after a restart', async ({ page, appUrl, s3, s3Proxy, browser, userData }) => {
  const { dir: userDataDir, box: secretBox } = userData;
  s3.seed('e2e-bucket', [
    ['docs/readme.txt', 'hello'],
    ['top.txt', 'top'],
  ]);
  await page.goto(appUrl);
  await expect(page.getByTestId('start-screen')).toBeVisible();

  await page.getByTestId('add-connection').click();
  const dialog = page.getByTestId('connection-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('conn-name').fill('Local MinIO');
  await dialog.getByTestId('conn-provider').selectOption('minio');
  await dialog.getByTestId('conn-url').fill(s3Proxy.url);
  await dialog.getByTestId('conn-access-key').fill(TEST_CREDENTIALS.accessKeyId);
  await dialog.getByTestId('conn-secret').fill(TEST_CREDENTIALS.secretAccessKey);

  // The server rejects the signature once, as S3 does for a wrong secret: the dialog says exactly that.
  const removeRule = s3Proxy.addRule((w) =>
    w.operation === 'ListBuckets' ? { kind: 'status', status: 403, code: 'SignatureDoesNotMatch', message: 'The request signature we calculated does not match' } : undefined,
  );
  await dialog.getByTestId('conn-test').click();
  await expect(dialog.getByTestId('conn-test-result')).toHaveAttribute('data-outcome', 'SignatureDoesNotMatch');
  await expect(dialog.getByTestId('conn-test-result')).toContainText('Wrong secret key');
  removeRule();
  await dialog.getByTestId('conn-test').click();
  await expect(dialog.getByTestId('conn-test-result')).toHaveAttribute('data-outcome', 'ok');

  await dialog.getByTestId('conn-save').click();
  await expect(dialog).toBeHidden();
  const row = page.locator('[data-testid="connection"][data-name="Local MinIO"]');
  await expect(row).toBeVisible();

  await row.getByTestId('connection-open').click();
  await page.locator('[data-testid="bucket"]', { hasText: 'e2e-bucket' }).click();
  await expect(page.locator('[data-testid="row-name"]', { hasText: 'top.txt' })).toBeVisible();

  // Nothing secret reached the disk in plain text.
  const bytes = readFileSync(join(userDataDir, SETTINGS_FILE_NAME));
  expect(bytes.includes(Buffer.from(TEST_CREDENTIALS.secretAccessKey))).toBe(false);
  expect(bytes.includes(Buffer.from(TEST_CREDENTIALS.accessKeyId))).toBe(false);

  // Restart: new handlers over the same user-data folder and keyring, a fresh page.
  const events = new BridgeEvents();
  const restarted = createCore({ userDataDir, secretBox, events: events.sink });
  const context = await browser.newContext();
  try {
    const page2 = await context.newPage();
    await installBridge(page2, restarted, events);
    s3Proxy.reset();
    await page2.goto(appUrl);
    // The tab may come back where it was (the workspace is restored too); the sidebar lists the saved connection
    // either way, and opening it there goes to its bucket list.
    const again = page2.locator('[data-testid="sidebar-connection"][data-name="Local MinIO"]');
    await expect(again).toBeVisible();
    await again.locator('.tree-row').first().click();
    await page2.locator('[data-testid="bucket"]', { hasText: 'e2e-bucket' }).click();
    await expect(page2.locator('[data-testid="row-name"]', { hasText: 'docs' })).toBeVisible();
    expect(s3Proxy.count('ListObjectsV2')).toBeGreaterThan(0);
  } finally {
    await context.close();
    await restarted.dispose();
  }
});

test('a login that may not list buckets is offered "Open bucket…", saved with that bucket, and opens straight into it', async ({ page, appUrl, s3, s3Proxy }) => {
  s3.seed('team-bucket', [['report.csv', 'a,b']]);
  s3Proxy.addRule((w) => (w.operation === 'ListBuckets' ? { kind: 'deny' } : undefined));
  await page.goto(appUrl);
  await page.getByTestId('add-connection').click();
  const dialog = page.getByTestId('connection-dialog');
  await dialog.getByTestId('conn-name').fill('Limited');
  await dialog.getByTestId('conn-provider').selectOption('ceph');
  await dialog.getByTestId('conn-url').fill(s3Proxy.url);
  await dialog.getByTestId('conn-access-key').fill(TEST_CREDENTIALS.accessKeyId);
  await dialog.getByTestId('conn-secret').fill(TEST_CREDENTIALS.secretAccessKey);
  await dialog.getByTestId('conn-test').click();
  await expect(dialog.getByTestId('conn-test-result')).toHaveAttribute('data-outcome', 'NoListPermission');
  await dialog.getByTestId('conn-open-bucket-name').fill('team-bucket');
  await dialog.getByTestId('conn-open-bucket-go').click();
  await expect(dialog.getByTestId('conn-test-result')).toHaveAttribute('data-outcome', 'ok');
  await expect(dialog.getByTestId('conn-bucket')).toHaveValue('team-bucket');
  await dialog.getByTestId('conn-save').click();

  s3Proxy.reset();
  await page.locator('[data-testid="connection"][data-name="Limited"]').getByTestId('connection-open').click();
  await expect(page.locator('[data-testid="row-name"]', { hasText: 'report.csv' })).toBeVisible();
  expect(s3Proxy.count('ListBuckets')).toBe(0);
});

test('edits keep the stored secret, and delete removes the connection', async ({ page, appUrl, s3, s3Proxy }) => {
  s3.seed('edit-bucket', [['x.txt', 'x']]);
  await page.goto(appUrl);
  await page.getByTestId('add-connection').click();
  const dialog = page.getByTestId('connection-dialog');
  await dialog.getByTestId('conn-name').fill('To edit');
  await dialog.getByTestId('conn-provider').selectOption('custom');
  await dialog.getByTestId('conn-endpoint').fill(s3Proxy.url);
  await dialog.getByTestId('conn-access-key').fill(TEST_CREDENTIALS.accessKeyId);
  await dialog.getByTestId('conn-secret').fill(TEST_CREDENTIALS.secretAccessKey);
  await dialog.getByTestId('conn-save').click();
  const row = page.locator('[data-testid="connection"][data-name="To edit"]');
  await row.getByTestId('connection-edit').click();
  // The form never receives the secret: it shows "(unchanged)" and a blank field keeps the stored one.
  await expect(dialog.getByTestId('conn-secret')).toHaveValue('');
  await expect(dialog.getByTestId('conn-secret')).toHaveAttribute('placeholder', '(unchanged)');
  await dialog.getByTestId('conn-name').fill('Edited');
  await dialog.getByTestId('conn-test').click();
  await expect(dialog.getByTestId('conn-test-result')).toHaveAttribute('data-outcome', 'ok');
  await dialog.getByTestId('conn-save').click();
  const edited = page.locator('[data-testid="connection"][data-name="Edited"]');
  await expect(edited).toBeVisible();
  await expect(row).toHaveCount(0);

  await edited.getByTestId('connection-edit').click();
  await dialog.getByTestId('conn-delete').click();
  await dialog.getByTestId('conn-delete-confirm').click();
  await expect(dialog).toBeHidden();
  await expect(edited).toHaveCount(0);
});

test('an AWS profile from ~/.aws is listed on the start screen, added in one step, and signs the requests', async ({ page, appUrl, s3, s3Proxy, userData }) => {
  s3.seed('profile-data', [['p.txt', 'p']]);
  const aws = join(userData.dir, 'aws');
  mkdirSync(aws);
  writeFileSync(join(aws, 'config'), `[profile e2e-lab]\nregion = eu-north-1\nendpoint_url = ${s3Proxy.url}\n`);
  writeFileSync(join(aws, 'credentials'), `[e2e-lab]\naws_access_key_id = AKIAE2EPROFILE01\naws_secret_access_key = e2e-profile-secret\n`);
  const saved = { config: process.env['AWS_CONFIG_FILE'], credentials: process.env['AWS_SHARED_CREDENTIALS_FILE'] };
  process.env['AWS_CONFIG_FILE'] = join(aws, 'config');
  process.env['AWS_SHARED_CREDENTIALS_FILE'] = join(aws, 'credentials');
  try {
    await page.goto(appUrl);
    const profile = page.locator('[data-testid="aws-profile"][data-name="e2e-lab"]');
    await expect(profile).toContainText('static');
    await profile.getByTestId('aws-profile-add').click();
    const dialog = page.getByTestId('connection-dialog');
    await expect(dialog.getByTestId('conn-endpoint')).toHaveValue(s3Proxy.url);
    await expect(dialog.getByTestId('conn-region')).toHaveValue('eu-north-1');
    await dialog.getByTestId('conn-test').click();
    await expect(dialog.getByTestId('conn-test-result')).toHaveAttribute('data-outcome', 'ok');
    await dialog.getByTestId('conn-save').click();
    await expect(profile).toHaveCount(0);

    s3Proxy.reset();
    await page.locator('[data-testid="connection"][data-name="e2e-lab"]').getByTestId('connection-open').click();
    await page.locator('[data-testid="bucket"]', { hasText: 'profile-data' }).click();
    await expect(page.locator('[data-testid="row-name"]', { hasText: 'p.txt' })).toBeVisible();
    expect(String(s3Proxy.log[0]?.headers['authorization'])).toContain('Credential=AKIAE2EPROFILE01/');
    // The profile's secret stays in ~/.aws: the settings file only names the profile.
    expect(readFileSync(join(userData.dir, SETTINGS_FILE_NAME), 'utf8')).not.toContain('e2e-profile-secret');
  } finally {
    for (const [k, v] of [['AWS_CONFIG_FILE', saved.config], ['AWS_SHARED_CREDENTIALS_FILE', saved.credentials]] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
});

test('the default credential chain is offered with its explanation and signs with what the environment holds', async ({ page, appUrl, s3, s3Proxy, userData }) => {
  s3.seed('chain-data', [['c.txt', 'c']]);
  const names = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_PROFILE'] as const;
  const saved = names.map((k) => process.env[k]);
  // The core runs in this process: its SDK default chain finds these first, as it would the app's environment.
  process.env['AWS_ACCESS_KEY_ID'] = 'AKIAE2EENVCHAIN1';
  process.env['AWS_SECRET_ACCESS_KEY'] = 'e2e-env-chain-secret';
  delete process.env['AWS_PROFILE'];
  try {
    await page.goto(appUrl);
    await page.getByTestId('add-connection').click();
    const dialog = page.getByTestId('connection-dialog');
    await dialog.getByTestId('conn-name').fill('This computer');
    await dialog.getByTestId('conn-provider').selectOption('custom');
    await dialog.getByTestId('conn-endpoint').fill(s3Proxy.url);
    await dialog.getByTestId('conn-auth-default-chain').check();
    await expect(dialog.getByTestId('conn-default-chain-help')).toContainText('AWS_ACCESS_KEY_ID');
    await expect(dialog.getByTestId('conn-access-key')).toHaveCount(0);
    await dialog.getByTestId('conn-test').click();
    await expect(dialog.getByTestId('conn-test-result')).toHaveAttribute('data-outcome', 'ok');
    await dialog.getByTestId('conn-save').click();
    await expect(dialog).toBeHidden();

    s3Proxy.reset();
    await page.locator('[data-testid="connection"][data-name="This computer"]').getByTestId('connection-open').click();
    await page.locator('[data-testid="bucket"]', { hasText: 'chain-data' }).click();
    await expect(page.locator('[data-testid="row-name"]', { hasText: 'c.txt' })).toBeVisible();
    expect(s3Proxy.log.length).toBeGreaterThan(0);
    for (const w of s3Proxy.log) expect(String(w.headers['authorization'])).toContain('Credential=AKIAE2EENVCHAIN1/');
    const settings = readFileSync(join(userData.dir, SETTINGS_FILE_NAME), 'utf8');
    expect(JSON.parse(settings).connections[0]).toMatchObject({ auth: 'default-chain', encryptedSecret: null });
    expect(settings).not.toContain('AKIAE2EENVCHAIN1');
  } finally {
    names.forEach((k, i) => {
      const v = saved[i];
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    });
  }
});

test('a self-signed server: the failed test shows its certificate, trusting the fingerprint lets this connection in', async ({ page, appUrl, s3, s3Proxy, userData }) => {
  test.skip(!opensslAvailable(), 'no openssl on this machine to make a self-signed certificate');
  s3.seed('tls-data', [['t.txt', 't']]);
  const cert = makeSelfSignedCert(userData.dir, 'nas');
  const front = await startTlsFront(s3Proxy.url, cert);
  try {
    await page.goto(appUrl);
    await page.getByTestId('add-connection').click();
    const dialog = page.getByTestId('connection-dialog');
    await dialog.getByTestId('conn-name').fill('NAS');
    await dialog.getByTestId('conn-provider').selectOption('minio');
    await dialog.getByTestId('conn-url').fill(front.url);
    await dialog.getByTestId('conn-access-key').fill(TEST_CREDENTIALS.accessKeyId);
    await dialog.getByTestId('conn-secret').fill(TEST_CREDENTIALS.secretAccessKey);
    await dialog.getByTestId('conn-test').click();
    await expect(dialog.getByTestId('conn-test-result')).toHaveAttribute('data-outcome', 'Tls');
    // The fingerprint shown is the one openssl prints for the server's certificate.
    await expect(dialog.getByTestId('conn-certificate-sha256')).toHaveText(cert.sha256);
    expect(s3Proxy.count()).toBe(0);
    await dialog.getByTestId('conn-trust-cert').click();
    await expect(dialog.getByTestId('conn-test-result')).toHaveAttribute('data-outcome', 'ok');
    await expect(dialog.getByTestId('conn-trusted-cert')).toContainText(cert.sha256);
    await dialog.getByTestId('conn-save').click();
    await expect(dialog).toBeHidden();

    s3Proxy.reset();
    await page.locator('[data-testid="connection"][data-name="NAS"]').getByTestId('connection-open').click();
    await page.locator('[data-testid="bucket"]', { hasText: 'tls-data' }).click();
    await expect(page.locator('[data-testid="row-name"]', { hasText: 't.txt' })).toBeVisible();
    expect(s3Proxy.count('ListObjectsV2')).toBeGreaterThan(0);
    expect(JSON.parse(readFileSync(join(userData.dir, SETTINGS_FILE_NAME), 'utf8')).connections[0].trustedCertificate.sha256).toBe(cert.sha256);
  } finally {
    await front.close();
  }
});
