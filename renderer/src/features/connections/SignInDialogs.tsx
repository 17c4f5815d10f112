/** The MFA code prompt and the SSO "confirm this code in your browser" panel, both driven by main's events. */
import { type FormEvent, useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { MfaNeededEvent } from '../../../../shared/sign-in';
import type { SignInStore } from './sign-in-store';
import './connections.css';

/** Keyed by prompt id: a new prompt starts with an empty field. The code lives only in this input's state. */
interface MfaPromptProps {
  readonly store: SignInStore;
  readonly mfa: MfaNeededEvent;
  readonly submitting: boolean;
  readonly mfaError: string | null;
}

function MfaPrompt({ store, mfa, submitting, mfaError }: MfaPromptProps) {
  const [code, setCode] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void store.getState().submitMfa(code);
  };
  return (
    <div className="dialog-backdrop sign-in-backdrop">
      <form className="connection-dialog sign-in-dialog" role="dialog" aria-labelledby="mfa-title" data-testid="mfa-dialog" onSubmit={submit}>
        <h2 id="mfa-title">MFA code for {mfa.profile}</h2>
        <p>
          Enter the current code of the MFA device <code>{mfa.serial}</code>. Transfers on this connection wait until you do.
        </p>
        <label>
          Code
          <input
            data-testid="mfa-code"
            inputMode="numeric"
            autoComplete="one-time-code"
            autoFocus
            value={code}
            disabled={submitting}
            onChange={(e) => setCode(e.target.value)}
          />
        </label>
        {mfaError && (
          <span className="form-error" role="alert" data-testid="mfa-error">
            {mfaError}
          </span>
        )}
        <div className="dialog-buttons">
          <button type="button" data-testid="mfa-cancel" disabled={submitting} onClick={() => void store.getState().cancelMfa()}>
            Cancel
          </button>
          <button type="submit" className="primary" data-testid="mfa-submit" disabled={submitting}>
            {submitting ? 'Checking…' : 'Continue'}
          </button>
        </div>
      </form>
    </div>
  );
}

export function SignInDialogs({ store }: { readonly store: SignInStore }) {
  const { mfa, submitting, mfaError, sso, ssoEnded } = useStore(store);
  useEffect(() => store.getState().attach(), [store]);

  if (mfa) return <MfaPrompt key={mfa.promptId} store={store} mfa={mfa} submitting={submitting} mfaError={mfaError} />;

  if (sso) {
    return (
      <div className="dialog-backdrop sign-in-backdrop">
        <div className="connection-dialog sign-in-dialog" role="dialog" aria-labelledby="sso-title" data-testid="sso-dialog">
          <h2 id="sso-title">Sign in to {sso.profile}</h2>
          <p>Your browser opened the AWS sign-in page. Check that it shows this code, then approve:</p>
          <p className="sso-code" data-testid="sso-code">
            {sso.userCode}
          </p>
          <p className="sso-hint">
            If no browser opened, go to <code data-testid="sso-url">{sso.verificationUri}</code>. The code is valid until{' '}
            {new Date(sso.expiresAt).toLocaleTimeString()}.
          </p>
          <div className="dialog-buttons">
            <button type="button" data-testid="sso-cancel" onClick={() => void store.getState().cancelSso()}>
              Cancel
            </button>
          </div>
        </div>
      </div>
    );
  }

  if (ssoEnded && ssoEnded.state !== 'cancelled') {
    return (
      <div className="dialog-backdrop sign-in-backdrop">
        <div className="connection-dialog sign-in-dialog" role="dialog" aria-labelledby="sso-ended-title" data-testid="sso-ended">
          <h2 id="sso-ended-title">{ssoEnded.state === 'signed-in' ? 'Signed in' : 'Sign-in did not complete'}</h2>
          <p data-testid="sso-ended-message">{ssoEnded.message}</p>
          <div className="dialog-buttons">
            <button type="button" data-testid="sso-close" onClick={() => store.getState().dismissSso()}>
              Close
            </button>
          </div>
        </div>
      </div>
    );
  }
  return null;
}
