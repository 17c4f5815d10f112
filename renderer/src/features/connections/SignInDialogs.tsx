/** The MFA code prompt and the SSO "confirm this code in your browser" panel, both driven by main's events. */
import { type FormEvent, useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { MfaNeededEvent } from '../../../../shared/sign-in';
import { Modal, ModalTitle } from '../../ui/Modal';
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
    <Modal onCancel={() => void store.getState().cancelMfa()} className="sign-in-dialog" testId="mfa-dialog">
      <form onSubmit={submit}>
        <ModalTitle>MFA code for {mfa.profile}</ModalTitle>
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
    </Modal>
  );
}

export function SignInDialogs({ store }: { readonly store: SignInStore }) {
  const { mfa, submitting, mfaError, sso, ssoEnded } = useStore(store);
  useEffect(() => store.getState().attach(), [store]);

  if (mfa) return <MfaPrompt key={mfa.promptId} store={store} mfa={mfa} submitting={submitting} mfaError={mfaError} />;

  if (sso) {
    return (
      <Modal onCancel={() => void store.getState().cancelSso()} className="sign-in-dialog" testId="sso-dialog">
        <ModalTitle>Sign in to {sso.profile}</ModalTitle>
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
      </Modal>
    );
  }

  if (ssoEnded && ssoEnded.state !== 'cancelled') {
    return (
      <Modal onCancel={() => store.getState().dismissSso()} className="sign-in-dialog" testId="sso-ended">
        <ModalTitle>{ssoEnded.state === 'signed-in' ? 'Signed in' : 'Sign-in did not complete'}</ModalTitle>
          <p data-testid="sso-ended-message">{ssoEnded.message}</p>
          <div className="dialog-buttons">
            <button type="button" data-testid="sso-close" onClick={() => store.getState().dismissSso()}>
              Close
            </button>
          </div>
      </Modal>
    );
  }
  return null;
}
