/**
 * Sign-in prompts main asks for while it refreshes a connection's credentials: an MFA code for an
 * assume-role profile, an SSO device code to confirm in the browser. The MFA code itself never enters this
 * store: the dialog keeps it in its own input and hands it straight to `submitMfa`.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { RendererApi } from '../../../../shared/ipc';
import type { MfaNeededEvent, SsoCodeEvent, SsoEndedEvent } from '../../../../shared/sign-in';
import { call } from '../../lib/call';

export type SignInApi = Pick<RendererApi, 'answerMfa' | 'signInSso' | 'cancelSso' | 'onMfaNeeded' | 'onSsoCode' | 'onSsoEnded'>;

export interface SignInState {
  /** The prompt on screen; others (another profile) wait in `queued`. */
  readonly mfa: MfaNeededEvent | null;
  readonly queued: readonly MfaNeededEvent[];
  readonly submitting: boolean;
  /** Shown under the code field: a refused code, or a code main would not take. */
  readonly mfaError: string | null;
  readonly sso: SsoCodeEvent | null;
  /** How the last SSO sign-in ended, until dismissed. */
  readonly ssoEnded: SsoEndedEvent | null;
  /** Subscribe to main's events; returns the unsubscribe. */
  attach(): () => void;
  submitMfa(code: string): Promise<void>;
  cancelMfa(): Promise<void>;
  /** "Sign in" on an SSO profile (the connection dialog or a failed request). */
  signInSso(profile: string): Promise<void>;
  cancelSso(): Promise<void>;
  dismissSso(): void;
}

export type SignInStore = StoreApi<SignInState>;

const MFA_CODE = /^\d{6}$/;

export function createSignInStore(api: SignInApi): SignInStore {
  return createStore<SignInState>()((set, get) => {
    const showNext = () => {
      const [next, ...rest] = get().queued;
      set({ mfa: next ?? null, queued: rest, submitting: false, mfaError: next?.retry ? refusedMessage : null });
    };
    const answer = async (code: string | null) => {
      const prompt = get().mfa;
      if (!prompt) return;
      set({ submitting: true });
      const res = await call(() => api.answerMfa({ promptId: prompt.promptId, code }));
      // Main has moved on (the app was closing, or another window answered): nothing to wait for.
      if (!res.ok && code !== null) {
        set({ submitting: false, mfaError: res.error.message });
        return;
      }
      showNext();
    };
    return {
      mfa: null,
      queued: [],
      submitting: false,
      mfaError: null,
      sso: null,
      ssoEnded: null,

      attach() {
        const offs = [
          api.onMfaNeeded((prompt) => {
            if (get().mfa === null) set({ mfa: prompt, submitting: false, mfaError: prompt.retry ? refusedMessage : null });
            else set({ queued: [...get().queued, prompt] });
          }),
          api.onSsoCode((code) => set({ sso: code, ssoEnded: null })),
          api.onSsoEnded((ended) => {
            if (get().sso?.flowId === ended.flowId || get().sso === null) set({ sso: null, ssoEnded: ended });
          }),
        ];
        return () => offs.forEach((off) => off());
      },

      async submitMfa(code) {
        const trimmed = code.replace(/\s+/g, '');
        if (!MFA_CODE.test(trimmed)) {
          set({ mfaError: 'Enter the 6-digit code from your authenticator.' });
          return;
        }
        await answer(trimmed);
      },

      cancelMfa: () => answer(null),

      async signInSso(profile) {
        set({ ssoEnded: null });
        const res = await call(() => api.signInSso({ profile }));
        if (!res.ok) set({ sso: null, ssoEnded: { flowId: '', profile, state: 'failed', message: res.error.message } });
      },

      async cancelSso() {
        const flow = get().sso;
        if (flow) await call(() => api.cancelSso({ flowId: flow.flowId }));
      },

      dismissSso: () => set({ ssoEnded: null }),
    };
  });
}

const refusedMessage = 'That code was not accepted. Enter the current code from your authenticator.';
