import { join } from 'node:path';
import { getHomeDir, getProfileName, loadSharedConfigFiles } from '@smithy/core/config';
import type { AwsProfileList, AwsProfileSummary } from '../../shared/types';

type Section = Readonly<Record<string, string | undefined>>;

/** Sections of ~/.aws/config that are not profiles ("[sso-session x]", "[services x]"). */
const NON_PROFILE_PREFIXES = ['sso-session.', 'services.'];

/** The same paths the SDK reads (it honours AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE). */
export function sharedFilePaths(): { configFile: string; credentialsFile: string } {
  return {
    configFile: process.env['AWS_CONFIG_FILE'] || join(getHomeDir(), '.aws', 'config'),
    credentialsFile: process.env['AWS_SHARED_CREDENTIALS_FILE'] || join(getHomeDir(), '.aws', 'credentials'),
  };
}

/** Which credential path the SDK's ini provider takes for a profile, in the order it checks them. */
export function profileKind(config: Section, credentials: Section): AwsProfileSummary['kind'] {
  const merged = { ...config, ...credentials };
  if (merged['role_arn'] && merged['web_identity_token_file']) return 'web-identity';
  if (merged['role_arn'] && (merged['source_profile'] || merged['credential_source'])) return 'assume-role';
  if (merged['sso_session'] || merged['sso_start_url'] || merged['sso_account_id']) return 'sso';
  if (merged['aws_access_key_id'] && merged['aws_secret_access_key'])
    return merged['aws_session_token'] ? 'session' : 'static';
  if (merged['credential_process']) return 'process';
  return 'unknown';
}

/**
 * List every profile the AWS CLI would see, using the SDK's own loader (no INI parsing here). Secrets are
 * read by the loader but never leave this function: summaries carry names, kinds and regions only.
 */
export async function listAwsProfiles(): Promise<AwsProfileList> {
  const paths = sharedFilePaths();
  const defaultProfile = getProfileName({});
  try {
    const files = await loadSharedConfigFiles({ ignoreCache: true });
    const isProfile = (name: string) => !NON_PROFILE_PREFIXES.some((p) => name.startsWith(p));
    const names = new Set([...Object.keys(files.configFile), ...Object.keys(files.credentialsFile)].filter(isProfile));
    const profiles = [...names]
      .map((name): AwsProfileSummary => {
        const config: Section = files.configFile[name] ?? {};
        const credentials: Section = files.credentialsFile[name] ?? {};
        return {
          name,
          kind: profileKind(config, credentials),
          region: config['region'] ?? credentials['region'] ?? null,
          endpoint: config['endpoint_url'] ?? null,
          inConfig: name in files.configFile,
          inCredentials: name in files.credentialsFile,
          sourceProfile: config['source_profile'] ?? credentials['source_profile'] ?? null,
          ssoSession: config['sso_session'] ?? null,
        };
      })
      .sort((a, b) => (a.name === defaultProfile ? -1 : b.name === defaultProfile ? 1 : a.name.localeCompare(b.name)));
    return { profiles, defaultProfile, ...paths, problem: null };
  } catch (error) {
    return { profiles: [], defaultProfile, ...paths, problem: `cannot read the AWS config files: ${(error as Error).message}` };
  }
}
