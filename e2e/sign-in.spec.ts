/**
 * MFA sign-in in the real renderer: opening a connection whose profile assumes a role with mfa_serial brings
 * up the code dialog; a wrong code is refused by the local STS STAND-IN (no AWS here) and the dialog says so;
 * the right one opens the bucket list. The code never reaches an event the page receives.
 */
import { createAwsHome, type AwsHome } from '../testkit/aws-standins/aws-home';
import { createIssuedKeys } from '../testkit/aws-standins/issued-keys';
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
