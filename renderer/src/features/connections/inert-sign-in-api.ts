/**
 * The sign-in part of the preload API as inert stubs, for other features' fake APIs (tests) that must satisfy
 * the whole RendererApi type but never sign in: every call answers an error, subscriptions never fire.
 */
import { fail } from '../../../../shared/errors';
import type { RendererApi } from '../../../../shared/ipc';

export type SignInMethod = 'answerMfa' | 'signInSso' | 'cancelSso' | 'onMfaNeeded' | 'onSsoCode' | 'onSsoEnded';

export function inertSignInApi(): Pick<RendererApi, SignInMethod> {
  const none = async () => fail<never>('Unknown', 'sign-in is not part of this fake');
  const never = () => () => {};
  return { answerMfa: none, signInSso: none, cancelSso: none, onMfaNeeded: never, onSsoCode: never, onSsoEnded: never };
}
