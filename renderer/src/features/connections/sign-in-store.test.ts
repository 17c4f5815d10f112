import { describe, expect, it } from 'vitest';
import { fail, ok, type Result } from '../../../../shared/errors';
import type { MfaNeededEvent, SsoCodeEvent, SsoEndedEvent, SsoOutcome } from '../../../../shared/sign-in';
import { createSignInStore, type SignInApi } from './sign-in-store';

/** A fake of the sign-in slice of the API: records calls, lets the test push main's events. */
function fakeApi() {
  const calls: Array<[string, unknown]> = [];
  const listeners = { mfa: new Set<(e: MfaNeededEvent) => void>(), code: new Set<(e: SsoCodeEvent) => void>(), ended: new Set<(e: SsoEndedEvent) => void>() };
  const on =
    <T>(set: Set<(e: T) => void>) =>
    (l: (e: T) => void) => {
      set.add(l);
      return () => void set.delete(l);
    };
  let answerResult: Result<{ accepted: boolean }> = ok({ accepted: true });
  const api: SignInApi = {
    answerMfa: async (r) => (calls.push(['answerMfa', r]), answerResult),
    signInSso: async (r) => (calls.push(['signInSso', r]), ok<SsoOutcome>({ flowId: 'f1', state: 'signed-in', message: 'ok' })),
    cancelSso: async (r) => (calls.push(['cancelSso', r]), ok({ cancelled: true })),
    onMfaNeeded: on(listeners.mfa),
    onSsoCode: on(listeners.code),
    onSsoEnded: on(listeners.ended),
  };
  return {
    api,
    calls,
    listeners,
    refuseAnswers: (message: string) => (answerResult = fail('InvalidInput', message)),
    mfa: (e: Partial<MfaNeededEvent> = {}) => listeners.mfa.forEach((l) => l({ promptId: 'p1', profile: 'prod', serial: 'arn:mfa/me', retry: false, ...e })),
  };
}

describe('sign-in store', () => {
  it('shows an MFA prompt, sends a valid code once and closes; a refused code comes back as a retry prompt saying so', async () => {
    const f = fakeApi();
    const store = createSignInStore(f.api);
    const off = store.getState().attach();
    f.mfa();
    expect(store.getState().mfa).toMatchObject({ promptId: 'p1', profile: 'prod' });
    expect(store.getState().mfaError).toBeNull();

    await store.getState().submitMfa('12 34 5');
    expect(store.getState().mfaError).toMatch(/6-digit/);
    expect(f.calls).toEqual([]);

    await store.getState().submitMfa(' 123 456 ');
    expect(f.calls).toEqual([['answerMfa', { promptId: 'p1', code: '123456' }]]);
    expect(store.getState().mfa).toBeNull();
    // The code is handed on, never kept.
    expect(JSON.stringify(store.getState())).not.toContain('123456');

    f.mfa({ promptId: 'p2', retry: true });
    expect(store.getState().mfa?.promptId).toBe('p2');
    expect(store.getState().mfaError).toMatch(/not accepted/);
    off();
    f.mfa({ promptId: 'p3' });
    expect(store.getState().mfa?.promptId).toBe('p2');
  });

  it('Cancel answers null; prompts for another profile wait their turn', async () => {
    const f = fakeApi();
    const store = createSignInStore(f.api);
    store.getState().attach();
    f.mfa();
    f.mfa({ promptId: 'p2', profile: 'staging' });
    expect(store.getState().queued).toHaveLength(1);
    await store.getState().cancelMfa();
    expect(f.calls).toEqual([['answerMfa', { promptId: 'p1', code: null }]]);
    expect(store.getState().mfa).toMatchObject({ promptId: 'p2', profile: 'staging' });
  });

  it('keeps the prompt open with main’s message when main will not take the answer', async () => {
    const f = fakeApi();
    const store = createSignInStore(f.api);
    store.getState().attach();
    f.mfa();
    f.refuseAnswers('an MFA code is 6 digits');
    await store.getState().submitMfa('123456');
    expect(store.getState()).toMatchObject({ mfa: { promptId: 'p1' }, submitting: false, mfaError: 'An MFA code is 6 digits.' });
  });

  it('shows the SSO code while the flow runs, cancels by flow id, and keeps how it ended until dismissed', async () => {
    const f = fakeApi();
    const store = createSignInStore(f.api);
    store.getState().attach();
    await store.getState().signInSso('dev');
    expect(f.calls).toEqual([['signInSso', { profile: 'dev' }]]);
    f.listeners.code.forEach((l) => l({ flowId: 'f1', profile: 'dev', userCode: 'ABCD-EFGH', verificationUri: 'https://x/device', expiresAt: 1 }));
    expect(store.getState().sso?.userCode).toBe('ABCD-EFGH');
    await store.getState().cancelSso();
    expect(f.calls.at(-1)).toEqual(['cancelSso', { flowId: 'f1' }]);
    f.listeners.ended.forEach((l) => l({ flowId: 'f1', profile: 'dev', state: 'cancelled', message: 'SSO sign-in cancelled' }));
    expect(store.getState()).toMatchObject({ sso: null, ssoEnded: { state: 'cancelled' } });
    store.getState().dismissSso();
    expect(store.getState().ssoEnded).toBeNull();
  });
});
