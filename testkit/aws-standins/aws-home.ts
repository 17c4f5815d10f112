/**
 * A temporary ~/.aws for one test file: HOME, AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE point into it
 * and the SDK's per-service endpoint variables point STS / SSO / SSO OIDC at the local stand-ins.
 * `restore()` puts every variable back.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface AwsHome {
  readonly home: string;
  readonly awsDir: string;
  writeConfig(text: string): void;
  writeCredentials(text: string): void;
  restore(): void;
}

const VARS = ['HOME', 'USERPROFILE', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_PROFILE', 'AWS_ENDPOINT_URL_STS', 'AWS_ENDPOINT_URL_SSO', 'AWS_ENDPOINT_URL_SSO_OIDC', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'] as const;

export function createAwsHome(endpoints: { readonly sts?: string; readonly sso?: string; readonly ssoOidc?: string }): AwsHome {
  const saved = Object.fromEntries(VARS.map((k) => [k, process.env[k]]));
  const home = mkdtempSync(join(tmpdir(), 's3desk-aws-home-'));
  const awsDir = join(home, '.aws');
  mkdirSync(awsDir);
  for (const k of VARS) delete process.env[k];
  process.env['HOME'] = home;
  process.env['USERPROFILE'] = home;
  process.env['AWS_CONFIG_FILE'] = join(awsDir, 'config');
  process.env['AWS_SHARED_CREDENTIALS_FILE'] = join(awsDir, 'credentials');
  if (endpoints.sts) process.env['AWS_ENDPOINT_URL_STS'] = endpoints.sts;
  if (endpoints.sso) process.env['AWS_ENDPOINT_URL_SSO'] = endpoints.sso;
  if (endpoints.ssoOidc) process.env['AWS_ENDPOINT_URL_SSO_OIDC'] = endpoints.ssoOidc;
  writeFileSync(join(awsDir, 'config'), '');
  writeFileSync(join(awsDir, 'credentials'), '');
  return {
    home,
    awsDir,
    writeConfig: (text) => writeFileSync(join(awsDir, 'config'), text),
    writeCredentials: (text) => writeFileSync(join(awsDir, 'credentials'), text),
    restore: () => {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      rmSync(home, { recursive: true, force: true });
    },
  };
}
