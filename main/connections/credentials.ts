import { fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';
import type { StaticCredentialsInput } from '../../shared/ipc';
import { CodedError } from '../core/app-error';

/** How a connection signs in. Static keys are the only variant that holds a secret. */
export type AuthSource =
  | { readonly kind: 'keys'; readonly credentials: StaticCredentialsInput }
  | { readonly kind: 'profile'; readonly profile: string }
  | { readonly kind: 'default-chain' };

/** What only the user can supply mid-resolve: an MFA code, or an SSO sign-in in the browser. */
export interface SignInPrompts {
  /** The current one-time code of an MFA device, or null when the user cancels. `retry`: the last one was refused. */
  mfaCode(request: { readonly profile: string; readonly serial: string; readonly retry: boolean }): Promise<string | null>;
  /**
   * Run the SSO device sign-in for a profile; resolves once a token is stored, rejects when abandoned.
   * Absent: a missing SSO token fails with the SDK's own message (a connection test reports it, and the user
   * chooses "Sign in" rather than a browser tab opening from a test).
   */
  readonly ssoSignIn?: (profile: string) => Promise<void>;
}

/** Prompts for a core with no user to ask (tests, benchmarks): MFA counts as cancelled, SSO as signed out. */
export const NO_PROMPTS: SignInPrompts = { mfaCode: async () => null };

/**
 * Refresh this long before expiry: 5 minutes for real sessions (an hour or more), a third of the lifetime for
 * short ones, so a request never leaves with credentials that die before the server checks them.
 */
export function refreshMarginMs(lifetimeMs: number): number {
  return Math.min(5 * 60_000, Math.max(0, lifetimeMs / 3));
}

/** Wrong MFA code: STS answers AccessDenied naming MultiFactorAuthentication. */
const MFA_REFUSED = /MultiFactorAuthentication failed|invalid MFA/i;
/** An SSO profile without a usable token: every such SDK message ends "run aws sso login"; the portal's
 *  refusal of a token it no longer knows is UnauthorizedException. */
const SSO_TOKEN_PROBLEM = /aws sso login|UnauthorizedException|Session token not found or invalid/i;
const MAX_MFA_ATTEMPTS = 5;

/**
 * One credential provider per connection, shared by its per-region clients and by the direct (self-signed)
 * GET/PUT path, which asks it before every request: an SSO or assume-role login is resolved once (not once per
 * region), re-resolved only near expiry or after a failure, and concurrent callers share one resolve, so a
 * refresh that needs the user holds every waiting request behind a single prompt.
 */
export function memoizeCredentials(provider: AwsCredentialIdentityProvider, now: () => number): AwsCredentialIdentityProvider {
  let pending: Promise<AwsCredentialIdentity> | undefined;
  let value: AwsCredentialIdentity | undefined;
  let refreshAt = 0;
  return async () => {
    if (value && (!value.expiration || now() < refreshAt)) return value;
    pending ??= provider().then(
      (v) => {
        const obtainedAt = now();
        value = v;
        if (v.expiration) refreshAt = v.expiration.getTime() - refreshMarginMs(v.expiration.getTime() - obtainedAt);
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
 * A profile through the SDK's `fromIni`, with the two places it needs a person: an assume-role profile with
 * `mfa_serial` asks for the code (again, saying so, after a wrong one), and an SSO profile whose token is
 * missing or expired runs the SSO sign-in once, then resolves again. The code goes to STS and nowhere else.
 */
function profileProvider(profile: string, prompts: SignInPrompts): AwsCredentialIdentityProvider {
  return async () => {
    let retry = false;
    let ssoTried = false;
    for (let attempt = 1; ; attempt++) {
      let cancelled = false;
      const resolve = fromIni({
        profile,
        // Profiles edited while the app runs (a new `aws sso login`) are picked up on the next resolve.
        ignoreCache: true,
        mfaCodeProvider: async (serial) => {
          const code = await prompts.mfaCode({ profile, serial, retry });
          if (code === null) {
            cancelled = true;
            throw new CodedError({ code: 'Cancelled', message: `profile ${profile}: MFA sign-in cancelled` });
          }
          return code;
        },
      });
      try {
        return await resolve();
      } catch (error) {
        if (cancelled) throw error;
        const message = (error as Error).message ?? '';
        if (MFA_REFUSED.test(message) && attempt < MAX_MFA_ATTEMPTS) {
          retry = true;
          continue;
        }
        if (MFA_REFUSED.test(message)) throw new CodedError({ code: 'InvalidCredentials', message: `profile ${profile}: the MFA code was refused ${attempt} times` });
        if (prompts.ssoSignIn && !ssoTried && SSO_TOKEN_PROBLEM.test(message)) {
          ssoTried = true;
          await prompts.ssoSignIn(profile);
          continue;
        }
        throw error;
      }
    }
  };
}

/**
 * The SDK's own providers, exactly as the AWS CLI resolves them: `fromIni` follows a profile through static
 * keys, session tokens, assume-role with source_profile (and MFA), SSO and credential_process; the node chain
 * adds environment variables, container and instance metadata.
 */
export function credentialProviderFor(
  source: AuthSource,
  prompts: SignInPrompts = NO_PROMPTS,
  now: () => number = Date.now,
): AwsCredentialIdentity | AwsCredentialIdentityProvider {
  switch (source.kind) {
    case 'keys':
      return { ...source.credentials };
    case 'profile':
      return memoizeCredentials(profileProvider(source.profile, prompts), now);
    case 'default-chain':
      return memoizeCredentials(fromNodeProviderChain({ ignoreCache: true }), now);
  }
}
