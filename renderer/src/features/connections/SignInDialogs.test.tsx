import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { createFakeSignInApi } from '../../../../testkit/renderer/fake-sign-in-api';
import { createSignInStore, type SignInState } from './sign-in-store';
import { SignInDialogs } from './SignInDialogs';

/** Server-rendered markup for a state (a snapshot store: server rendering reads the initial state). */
function render(state: Partial<SignInState>): string {
  const store = createSignInStore(createFakeSignInApi());
  store.setState(state);
  return renderToStaticMarkup(<SignInDialogs store={createStore<SignInState>()(() => store.getState())} />);
}

describe('SignInDialogs', () => {
  it('renders nothing without a prompt, and nothing for a cancelled sign-in', () => {
    expect(render({})).toBe('');
    expect(render({ ssoEnded: { flowId: 'f', profile: 'dev', state: 'cancelled', message: 'cancelled' } })).toBe('');
  });

  it('asks for the MFA code naming the profile and device, and says when the last code was refused', () => {
    const html = render({ mfa: { promptId: 'p', profile: 'prod', serial: 'arn:aws:iam::1:mfa/me', retry: true }, mfaError: 'That code was not accepted.' });
    expect(html).toContain('data-testid="mfa-dialog"');
    expect(html).toContain('MFA code for prod');
    expect(html).toContain('arn:aws:iam::1:mfa/me');
    expect(html).toContain('autoComplete="one-time-code"');
    expect(html).toContain('That code was not accepted.');
  });

  it('shows the SSO code and the address to confirm it at, then how the sign-in ended', () => {
    const code = render({ sso: { flowId: 'f', profile: 'dev', userCode: 'WXYZ-1234', verificationUri: 'https://device.example/?user_code=WXYZ-1234', expiresAt: Date.now() + 60_000 } });
    expect(code).toContain('Sign in to dev');
    expect(code).toContain('WXYZ-1234');
    expect(code).toContain('https://device.example/?user_code=WXYZ-1234');
    const failed = render({ ssoEnded: { flowId: 'f', profile: 'dev', state: 'failed', message: 'SSO sign-in was denied in the browser' } });
    expect(failed).toContain('Sign-in did not complete');
    expect(failed).toContain('SSO sign-in was denied in the browser');
  });
});
