/**
 * The main-process side of asking the user to sign in. Credential providers call `mfaCode` / `ssoSignIn`
 * (SignInPrompts); the broker tells the renderer through an event and waits for its answer on a channel.
 * One question per profile at a time: every request that needs the same profile waits on the same prompt.
 * MFA codes pass through here to the SDK only: never stored, never logged, never put in an event.
 */
import { randomUUID } from 'node:crypto';
import type { EventSink } from '../../shared/ipc';
import type { SsoOutcome } from '../../shared/sign-in';
import { CodedError } from '../core/app-error';
import type { SignInPrompts } from './credentials';
import { runDeviceFlow, type SsoSession, ssoSessionOf } from './sso-device-flow';

export interface SignInBrokerOptions {
  readonly events: EventSink;
  /** Opens a URL in the user's browser (Electron's shell.openExternal in the app; a recorder in tests). */
  readonly openUrl?: (url: string) => Promise<void>;
  /** Test seams: the SSO session lookup and the wait between token polls. */
  readonly sessionOf?: (profile: string) => Promise<SsoSession>;
  readonly wait?: (ms: number, signal: AbortSignal) => Promise<void>;
}

interface OpenPrompt {
  readonly key: string;
  readonly answer: Promise<string | null>;
  readonly resolve: (code: string | null) => void;
}

interface RunningFlow {
  readonly flowId: string;
  readonly done: Promise<void>;
  readonly abort: AbortController;
}

export class SignInBroker implements SignInPrompts {
  private readonly prompts = new Map<string, OpenPrompt>();
  private readonly flows = new Map<string, RunningFlow>();

  constructor(private readonly options: SignInBrokerOptions) {}

  mfaCode(request: { readonly profile: string; readonly serial: string; readonly retry: boolean }): Promise<string | null> {
    const key = `${request.profile}\n${request.serial}`;
    const open = [...this.prompts.values()].find((p) => p.key === key);
    if (open) return open.answer;
    const promptId = randomUUID();
    let resolve!: (code: string | null) => void;
    const answer = new Promise<string | null>((r) => (resolve = r));
    this.prompts.set(promptId, { key, answer, resolve });
    this.options.events('signin:mfa-needed', { promptId, profile: request.profile, serial: request.serial, retry: request.retry });
    return answer;
  }

  /** The renderer's answer to a prompt: a code, or null for Cancel. False when no such prompt is open. */
  answerMfa(promptId: string, code: string | null): boolean {
    const prompt = this.prompts.get(promptId);
    if (!prompt) return false;
    this.prompts.delete(promptId);
    prompt.resolve(code);
    return true;
  }

  /** For a credential refresh: join the profile's running flow, or start one. */
  async ssoSignIn(profile: string): Promise<void> {
    const outcome = await this.signInSso(profile);
    if (outcome.state !== 'signed-in') throw new CodedError({ code: outcome.state === 'cancelled' ? 'Cancelled' : 'InvalidCredentials', message: outcome.message });
  }

  /** "Sign in" for an SSO profile; resolves when the flow ends, however it ends (events tell the renderer the code). */
  async signInSso(profile: string): Promise<SsoOutcome> {
    let flow = this.flows.get(profile);
    if (!flow) {
      const abort = new AbortController();
      const flowId = randomUUID();
      const done = this.run(profile, flowId, abort.signal).finally(() => this.flows.delete(profile));
      flow = { flowId, done, abort };
      this.flows.set(profile, flow);
    }
    const { flowId } = flow;
    return flow.done.then(
      (): SsoOutcome => ({ flowId, state: 'signed-in', message: `signed in to ${profile}` }),
      (error: unknown): SsoOutcome => {
        const code = error instanceof CodedError ? error.appError.code : 'Unknown';
        return { flowId, state: code === 'Cancelled' ? 'cancelled' : 'failed', message: (error as Error).message };
      },
    );
  }

  cancelSso(flowId: string): boolean {
    const flow = [...this.flows.values()].find((f) => f.flowId === flowId);
    flow?.abort.abort();
    return flow !== undefined;
  }

  /** Closing the app: every open question is answered "cancel", every flow is abandoned. */
  dispose(): void {
    for (const id of [...this.prompts.keys()]) this.answerMfa(id, null);
    for (const f of this.flows.values()) f.abort.abort();
  }

  private async run(profile: string, flowId: string, signal: AbortSignal): Promise<void> {
    const { events } = this.options;
    try {
      const session = await (this.options.sessionOf ?? ssoSessionOf)(profile);
      await runDeviceFlow({
        session,
        signal,
        openUrl: this.options.openUrl ?? (async () => {}),
        onCode: (code) => events('signin:sso-code', { flowId, profile, ...code }),
        ...(this.options.wait ? { wait: this.options.wait } : {}),
      });
      events('signin:sso-ended', { flowId, profile, state: 'signed-in', message: `signed in to ${profile}` });
    } catch (error) {
      const cancelled = error instanceof CodedError && error.appError.code === 'Cancelled';
      events('signin:sso-ended', { flowId, profile, state: cancelled ? 'cancelled' : 'failed', message: (error as Error).message });
      throw error;
    }
  }
}
