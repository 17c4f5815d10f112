/** A fake of the sign-in store's API that never signs in: every call answers an error, subscriptions never fire. */
import { fail } from '../../shared/errors';
import type { SignInApi } from '../../renderer/src/features/connections';

export function createFakeSignInApi(): SignInApi {
  const none = async () => fail<never>('Unknown', 'sign-in is not part of this fake');
  const never = () => () => {};
  return { answerMfa: none, signInSso: none, cancelSso: none, onMfaNeeded: never, onSsoCode: never, onSsoEnded: never };
}
