/**
 * MFA sign-in in the real renderer: opening a connection whose profile assumes a role with mfa_serial brings
 * up the code dialog; a wrong code is refused by the local STS STAND-IN (no AWS here) and the dialog says so;
 * the right one opens the bucket list. The code never reaches an event the page receives. And SSO: the
 * connection test of a signed-out SSO profile offers Sign in, which shows the device code of a local SSO OIDC
 * STAND-IN; once the "user" approves it there, the test passes.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createAwsHome, type AwsHome } from '../testkit/aws-standins/aws-home';
import { createIssuedKeys } from '../testkit/aws-standins/issued-keys';
import { startSsoStandIn } from '../testkit/aws-standins/sso-standin';
import { startStsStandIn, type StsStandIn } from '../testkit/aws-standins/sts-standin';
import { test as base, expect } from '../testkit/app-fixture';
import { BrowserPage } from './pages/browser-page';

const SERIAL = 'arn:aws:iam::123456789012:mfa/e2e-user';
const RIGHT = '802215';
const WRONG = '000000';

const test = base.extend<{ sts: StsStandIn }, { aws: AwsHome }>({
  aws: [
    async ({}, use) => {
      const aws = createAwsHome({});
      await use(aws);
      aws.restore();
    },
    { scope: 'worker' },
  ],
  sts: async ({ aws }, use) => {
    const keys = createIssuedKeys();
    const sts = await startStsStandIn({ keys, callerAccessKeyId: 'AKIASTANDINSOURCE', lifetimeMs: 15 * 60_000, mfa: { serial: SERIAL, code: () => RIGHT } });
    process.env['AWS_ENDPOINT_URL_STS'] = sts.url;
    aws.writeConfig(['[profile mfa-role]', 'role_arn = arn:aws:iam::123456789012:role/e2e', 'source_profile = base', `mfa_serial = ${SERIAL}`, 'region = us-east-1', '[profile base]', 'region = us-east-1'].join('\n'));
    aws.writeCredentials('[base]\naws_access_key_id = AKIASTANDINSOURCE\naws_secret_access_key = source-secret\n');
    await use(sts);
    delete process.env['AWS_ENDPOINT_URL_STS'];
    await sts.close();
  },
});

test.use({ connectionInput: { name: 'MFA role', region: 'us-east-1', forcePathStyle: true, profile: 'mfa-role' } });

test('opening an MFA profile asks for the code, says when it is wrong, and opens with the right one', async ({ sts, app, s3, bridgeEvents }) => {
  s3.createBucket('mfa-e2e');
  await app.getByTestId('connection-open').click();

  const dialog = app.getByTestId('mfa-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('MFA code for mfa-role');
  await expect(dialog).toContainText(SERIAL);
  await dialog.getByTestId('mfa-code').fill(WRONG);
  await dialog.getByTestId('mfa-submit').click();
  await expect(app.getByTestId('mfa-error')).toContainText('not accepted');
  await expect(dialog.getByTestId('mfa-code')).toHaveValue('');
  await new BrowserPage(app).screenshot('mfa-dialog');

  await dialog.getByTestId('mfa-code').fill(RIGHT);
  await dialog.getByTestId('mfa-submit').click();
  await expect(dialog).toBeHidden();
  await expect(app.locator('[data-testid="bucket"][data-bucket="mfa-e2e"]')).toBeVisible();

  expect(sts.calls.map((c) => c.outcome)).toEqual(['mfa-failed', 'issued']);
  const delivered = JSON.stringify(bridgeEvents.log);
  expect(delivered).toContain('signin:mfa-needed');
  for (const code of [WRONG, RIGHT]) expect(delivered).not.toContain(code);
});

test.describe('SSO', () => {
  const opened: string[] = [];
  test.use({ coreOptions: { openUrl: async (url: string) => void opened.push(url) } });

  test('a signed-out SSO profile: Test offers Sign in, the code shows, approval in the browser signs in', async ({ page, appUrl, s3Proxy, s3, aws }) => {
    const keys = createIssuedKeys();
    const sso = await startSsoStandIn({ keys, credentialLifetimeMs: 15 * 60_000 });
    process.env['AWS_ENDPOINT_URL_SSO'] = sso.url;
    process.env['AWS_ENDPOINT_URL_SSO_OIDC'] = sso.url;
    try {
      aws.writeConfig(
        ['[profile sso-e2e]', 'sso_session = e2e', 'sso_account_id = 111122223333', 'sso_role_name = Reader', 'region = us-east-1', '[sso-session e2e]', 'sso_start_url = https://standin.example/e2e', 'sso_region = us-east-1'].join('\n'),
      );
      s3.createBucket('sso-e2e');
      await page.goto(appUrl);
      await page.locator('[data-testid="aws-profile"][data-name="sso-e2e"]').getByTestId('aws-profile-add').click();
      const dialog = page.getByTestId('connection-dialog');
      await dialog.getByTestId('conn-provider').selectOption('minio');
      await dialog.getByTestId('conn-url').fill(s3Proxy.url);
      await dialog.getByTestId('conn-test').click();
      await expect(dialog.getByTestId('conn-test-result')).toHaveAttribute('data-outcome', 'NoCredentials');

      await dialog.getByTestId('conn-sso-sign-in').click();
      const panel = page.getByTestId('sso-dialog');
      await expect(panel).toBeVisible();
      const userCode = (await panel.getByTestId('sso-code').textContent())!.trim();
      expect(opened).toEqual([`${sso.url}/device?user_code=${userCode}`]);
      await new BrowserPage(page).screenshot('sso-dialog');
      sso.approve(userCode);

      await expect(page.getByTestId('sso-ended')).toContainText('Signed in');
      await page.getByTestId('sso-close').click();
      await expect(dialog.getByTestId('conn-test-result')).toHaveAttribute('data-outcome', 'ok');
      expect(existsSync(join(aws.awsDir, 'sso', 'cache', `${createHash('sha1').update('e2e').digest('hex')}.json`))).toBe(true);
    } finally {
      delete process.env['AWS_ENDPOINT_URL_SSO'];
      delete process.env['AWS_ENDPOINT_URL_SSO_OIDC'];
      await sso.close();
    }
  });
});
