/** Sign-in prompts main asks the renderer to show: an MFA code, an SSO device code. Never carries a secret. */

/** Main needs the current code of an MFA device to refresh a profile's session. */
export interface MfaNeededEvent {
  readonly promptId: string;
  readonly profile: string;
  /** The device's serial or ARN (mfa_serial), shown so the user picks the right authenticator. */
  readonly serial: string;
  /** The previous code was refused by STS. */
  readonly retry: boolean;
}

/** An SSO device sign-in has started: the code to confirm in the browser (already opened there). */
export interface SsoCodeEvent {
  readonly flowId: string;
  readonly profile: string;
  readonly userCode: string;
  readonly verificationUri: string;
  /** Epoch ms after which the code is void. */
  readonly expiresAt: number;
}

export type SsoState = 'signed-in' | 'cancelled' | 'failed';

export interface SsoOutcome {
  readonly flowId: string;
  readonly state: SsoState;
  readonly message: string;
}

export interface SsoEndedEvent extends SsoOutcome {
  readonly profile: string;
}
