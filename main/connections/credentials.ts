import { fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';
import type { StaticCredentialsInput } from '../../shared/ipc';

/** How a connection signs in. Static keys are the only variant that holds a secret. */
export type AuthSource =
  | { readonly kind: 'keys'; readonly credentials: StaticCredentialsInput }
  | { readonly kind: 'profile'; readonly profile: string }
  | { readonly kind: 'default-chain' };

/** Refresh a little before expiry so a request never leaves with credentials that die in flight. */
const EXPIRY_MARGIN_MS = 5 * 60_000;

/**
 * One credential provider per connection, shared by its per-region clients, so an SSO or assume-role login is
 * resolved once (not once per region) and re-resolved only near expiry or after a failure.
 */
function memoize(provider: AwsCredentialIdentityProvider, now: () => number): AwsCredentialIdentityProvider {
  let pending: Promise<AwsCredentialIdentity> | undefined;
  let value: AwsCredentialIdentity | undefined;
  return async () => {
    if (value && (!value.expiration || value.expiration.getTime() - EXPIRY_MARGIN_MS > now())) return value;
    pending ??= provider().then(
      (v) => {
        value = v;
        pending = undefined;
        return v;
      },
      (error: unknown) => {
        pending = undefined;
        throw error;
      },
    );
    return pending;
  };
}

/**
 * The SDK's own providers, exactly as the AWS CLI resolves them: `fromIni` follows a profile through static
 * keys, session tokens, assume-role with source_profile, SSO and credential_process; the node chain adds
 * environment variables, container and instance metadata.
 */
export function credentialProviderFor(source: AuthSource, now: () => number = Date.now): AwsCredentialIdentity | AwsCredentialIdentityProvider {
  switch (source.kind) {
    case 'keys':
      return { ...source.credentials };
    case 'profile':
      // ignoreCache: profiles edited while the app runs (a new `aws sso login`) are picked up on the next resolve.
      return memoize(fromIni({ profile: source.profile, ignoreCache: true }), now);
    case 'default-chain':
      return memoize(fromNodeProviderChain({ ignoreCache: true }), now);
  }
}
