/** Add, edit, test and delete a connection: Amazon S3, an S3-compatible preset, or any endpoint. */
import { type FormEvent, useState } from 'react';
import { useStore } from 'zustand';
import { ENDPOINT_PRESETS, presetById } from '../../../../shared/endpoint-presets';
import type { AwsProfileList } from '../../../../shared/types';
import { testTitle } from '../../lib/connection-form';
import { Modal, ModalTitle } from '../../ui/Modal';
import { type ConnectionDialogStore, errorsOf } from './connection-dialog-store';
import './connections.css';

export interface ConnectionDialogProps {
  readonly store: ConnectionDialogStore;
  /** "Sign in" for an SSO profile that has no valid token (runs the device flow; see SignInDialogs). */
  readonly onSignIn?: (profile: string) => void;
}

function isSsoProfile(profiles: AwsProfileList | null, name: string): boolean {
  return profiles?.profiles.some((p) => p.name === name.trim() && p.kind === 'sso') ?? false;
}

function FieldError({ id, message }: { readonly id: string; readonly message: string | undefined }) {
  return message ? (
    <span className="field-error" data-testid={`conn-error-${id}`}>
      {message}
    </span>
  ) : null;
}

export function ConnectionDialog({ store, onSignIn }: ConnectionDialogProps) {
  const state = useStore(store);
  const { open, editing, form, showErrors, test, saving, deleting, confirmingDelete, error, profiles, storeStatus } = state;
  const [bucketToOpen, setBucketToOpen] = useState('');

  if (!open) return null;
  const errors = showErrors ? errorsOf(state) : {};
  const preset = presetById(form.provider);
  const s = store.getState();
  const busy = saving || deleting;

  function submit(event: FormEvent) {
    event.preventDefault();
    void s.save();
  }

  const result = test.status === 'done' ? test.result : null;

  return (
    <Modal onCancel={() => s.close()} className="connection-dialog" testId="connection-dialog" backdropTestId="connection-dialog-backdrop">
      {/* Title and buttons stay put; only the fields scroll, so Save and Cancel are visible in any window. */}
      <form className="connection-form" onSubmit={submit}>
        <ModalTitle className="connection-dialog-title">{editing ? `Edit “${editing.name}”` : 'New connection'}</ModalTitle>
        <div className="dialog-body" data-testid="connection-dialog-body">

        {storeStatus && !storeStatus.encryptionAvailable && form.auth === 'keys' ? (
          <p className="banner warning" data-testid="conn-session-only">
            This system offers no secure storage for secrets: keys are kept for this session only and must be entered again after a restart.
          </p>
        ) : null}
        {storeStatus?.problem ? (
          <p className="banner warning" data-testid="conn-settings-problem">
            {storeStatus.problem.message}
          </p>
        ) : null}
        {editing?.secret === 'missing' ? (
          <p className="banner warning" data-testid="conn-secret-missing">
            The secret of this connection is not stored. Enter the access key ID and secret again.
          </p>
        ) : null}

        <label>
          Name
          <input value={form.name} onChange={(e) => s.setField('name', e.target.value)} autoFocus data-testid="conn-name" />
          <FieldError id="name" message={errors.name} />
        </label>

        <label>
          Provider
          <select value={preset ? preset.id : form.provider} onChange={(e) => s.setProvider(e.target.value)} data-testid="conn-provider">
            <option value="aws">Amazon S3</option>
            {ENDPOINT_PRESETS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
            <option value="custom">Other S3-compatible endpoint</option>
          </select>
        </label>
        {preset ? (
          <p className="muted help" data-testid="conn-preset-help">
            {preset.help}
          </p>
        ) : null}

        {preset?.fields.includes('url') ? (
          <label>
            Endpoint URL
            <input value={form.presetValues.url ?? ''} placeholder={preset.placeholder} onChange={(e) => s.setPresetValue('url', e.target.value)} spellCheck={false} data-testid="conn-url" />
            <FieldError id="url" message={errors.url} />
          </label>
        ) : null}
        {preset?.fields.includes('accountId') ? (
          <label>
            Account ID
            <input value={form.presetValues.accountId ?? ''} placeholder={preset.placeholder} onChange={(e) => s.setPresetValue('accountId', e.target.value)} spellCheck={false} data-testid="conn-account-id" />
            <FieldError id="accountId" message={errors.accountId} />
          </label>
        ) : null}
        {preset?.fields.includes('region') ? (
          <label>
            Region
            <select value={form.presetValues.region ?? preset.defaultRegion} onChange={(e) => s.setPresetValue('region', e.target.value)} data-testid="conn-preset-region">
              {/* A region read back from a saved endpoint may be one the list does not know yet. */}
              {(preset.regions.includes(form.presetValues.region ?? preset.defaultRegion) ? preset.regions : [...preset.regions, form.presetValues.region!]).map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </label>
        ) : null}

        {form.provider === 'custom' ? (
          <label>
            Endpoint URL
            <input value={form.endpoint} placeholder="https://s3.example.com" onChange={(e) => s.setField('endpoint', e.target.value)} spellCheck={false} data-testid="conn-endpoint" />
            <FieldError id="endpoint" message={errors.endpoint} />
          </label>
        ) : null}
        {!preset ? (
          <label>
            Region
            <input value={form.region} onChange={(e) => s.setField('region', e.target.value)} spellCheck={false} data-testid="conn-region" />
            <FieldError id="region" message={errors.region} />
          </label>
        ) : null}
        {form.provider !== 'aws' ? (
          <label className="checkbox">
            <input type="checkbox" checked={form.forcePathStyle} onChange={(e) => s.setField('forcePathStyle', e.target.checked)} data-testid="conn-path-style" />
            Path-style addressing (host/bucket/key)
          </label>
        ) : null}

        <fieldset className="auth-choice">
          <legend>Sign in with</legend>
          <label className="checkbox">
            <input type="radio" name="auth" checked={form.auth === 'keys'} onChange={() => s.setField('auth', 'keys')} data-testid="conn-auth-keys" />
            Access keys
          </label>
          <label className="checkbox">
            <input type="radio" name="auth" checked={form.auth === 'profile'} onChange={() => s.setField('auth', 'profile')} data-testid="conn-auth-profile" />
            AWS profile (~/.aws: SSO, assume-role, credential_process…)
          </label>
          <label className="checkbox">
            <input type="radio" name="auth" checked={form.auth === 'default-chain'} onChange={() => s.setField('auth', 'default-chain')} data-testid="conn-auth-default-chain" />
            Default credentials of this computer (as the AWS CLI finds them)
          </label>
        </fieldset>
        {form.auth === 'default-chain' ? (
          <p className="muted help" data-testid="conn-default-chain-help">
            S3 Desk stores no keys for this connection. Like the AWS CLI without --profile, it looks, in order, at the environment variables
            AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN), then the profile named by AWS_PROFILE or the “default” profile of
            ~/.aws (keys, SSO, assume-role, credential_process), then web identity, then the container (ECS) or instance (EC2 IMDS) role. The first
            that answers signs in, at each start. Environment variables are those S3 Desk was started with: an app opened from the dock or start
            menu may not see what your shell sets.
          </p>
        ) : null}

        {form.auth === 'default-chain' ? null : form.auth === 'keys' ? (
          <>
            <label>
              Access key ID
              <input
                value={form.accessKeyId}
                placeholder={editing?.accessKeyHint ? `${editing.accessKeyHint} (unchanged)` : ''}
                onChange={(e) => s.setField('accessKeyId', e.target.value)}
                autoComplete="off"
                spellCheck={false}
                data-testid="conn-access-key"
              />
              <FieldError id="accessKeyId" message={errors.accessKeyId} />
            </label>
            <label>
              Secret access key
              <input
                type="password"
                value={form.secretAccessKey}
                placeholder={editing && editing.secret !== 'missing' ? '(unchanged)' : ''}
                onChange={(e) => s.setField('secretAccessKey', e.target.value)}
                autoComplete="off"
                data-testid="conn-secret"
              />
              <FieldError id="secretAccessKey" message={errors.secretAccessKey} />
            </label>
            <label>
              <span>
                Session token <span className="muted">(temporary credentials only)</span>
              </span>
              <input type="password" value={form.sessionToken} onChange={(e) => s.setField('sessionToken', e.target.value)} autoComplete="off" data-testid="conn-session-token" />
            </label>
          </>
        ) : (
          <label>
            Profile
            {profiles && profiles.profiles.length > 0 ? (
              <select value={form.profile} onChange={(e) => s.chooseProfile(e.target.value)} data-testid="conn-profile">
                <option value="">Choose a profile…</option>
                {profiles.profiles.map((p) => (
                  <option key={p.name} value={p.name}>
                    {p.name} — {p.kind}
                    {p.region ? `, ${p.region}` : ''}
                    {p.name === profiles.defaultProfile ? ' (default)' : ''}
                  </option>
                ))}
              </select>
            ) : (
              <input value={form.profile} onChange={(e) => s.setField('profile', e.target.value)} placeholder="default" data-testid="conn-profile-name" />
            )}
            {profiles ? (
              <span className="muted help">
                From {profiles.configFile} and {profiles.credentialsFile}
                {profiles.problem ? ` — ${profiles.problem}` : ''}
              </span>
            ) : null}
            <FieldError id="profile" message={errors.profile} />
          </label>
        )}

        <label>
          <span>
            Bucket <span className="muted">(optional: open this bucket directly)</span>
          </span>
          <input value={form.bucket} onChange={(e) => s.setField('bucket', e.target.value)} spellCheck={false} data-testid="conn-bucket" />
          <FieldError id="bucket" message={errors.bucket} />
        </label>

        <div className="test-row">
          <button type="button" onClick={() => void s.runTest()} disabled={test.status === 'running' || busy} data-testid="conn-test">
            {test.status === 'running' ? 'Testing…' : 'Test connection'}
          </button>
          {result ? (
            <div className={`test-result ${result.ok ? 'ok' : 'failed'}`} role="status" data-testid="conn-test-result" data-outcome={result.ok ? 'ok' : result.failure}>
              <strong>{testTitle(result)}</strong> <span>{result.message}</span>
            </div>
          ) : null}
          {onSignIn && result && !result.ok && result.failure === 'NoCredentials' && form.auth === 'profile' && isSsoProfile(profiles, form.profile) ? (
            <button type="button" className="primary" onClick={() => onSignIn(form.profile.trim())} data-testid="conn-sso-sign-in">
              Sign in
            </button>
          ) : null}
          {test.status === 'error' ? (
            <div className="test-result failed" role="status" data-testid="conn-test-result" data-outcome={test.error.code}>
              {test.error.message}
            </div>
          ) : null}
        </div>
        {result && !result.ok && result.certificate && result.certificate.sha256 !== form.trustedCertSha256 ? (
          <div className="certificate" data-testid="conn-certificate">
            <p>
              The server presented this certificate{result.certificate.selfSigned ? ' (self-signed)' : ''}:
            </p>
            <dl>
              <dt>Subject</dt>
              <dd>{result.certificate.subject}</dd>
              <dt>Issuer</dt>
              <dd>{result.certificate.issuer}</dd>
              <dt>Valid</dt>
              <dd>
                {result.certificate.validFrom} – {result.certificate.validTo}
              </dd>
              <dt>SHA-256</dt>
              <dd>
                <code data-testid="conn-certificate-sha256">{result.certificate.sha256}</code>
              </dd>
            </dl>
            <p className="muted help">
              Trust it only if this fingerprint is the one of your server’s certificate. It is trusted for this connection alone; if the server
              later presents another certificate, the connection is refused.
            </p>
            <button type="button" onClick={() => void s.trustCertificate(result.certificate!.sha256)} disabled={busy} data-testid="conn-trust-cert">
              Trust this certificate for this connection
            </button>
          </div>
        ) : null}
        {form.trustedCertSha256 ? (
          <p className="muted help" data-testid="conn-trusted-cert">
            Trusts the server certificate with SHA-256 <code>{form.trustedCertSha256}</code>.{' '}
            <button type="button" className="link" onClick={() => s.untrustCertificate()} data-testid="conn-untrust-cert">
              Stop trusting it
            </button>
          </p>
        ) : null}
        {result && !result.ok && result.canOpenBucket ? (
          <div className="open-bucket-row" data-testid="conn-open-bucket">
            <label>
              Open bucket…
              <input value={bucketToOpen} onChange={(e) => setBucketToOpen(e.target.value)} placeholder="bucket name" spellCheck={false} data-testid="conn-open-bucket-name" />
            </label>
            <button
              type="button"
              disabled={!bucketToOpen.trim()}
              onClick={() => {
                s.setField('bucket', bucketToOpen.trim());
                // The bucket is saved with the connection, so opening it skips ListBuckets.
                void s.runTest(bucketToOpen.trim());
              }}
              data-testid="conn-open-bucket-go"
            >
              Use this bucket
            </button>
          </div>
        ) : null}

        </div>

        {error ? (
          <p className="form-error" role="alert" data-testid="conn-save-error">
            {error.message}
          </p>
        ) : null}

        <div className="dialog-buttons">
          {editing ? (
            confirmingDelete ? (
              <span className="confirm-delete">
                Delete “{editing.name}”?{' '}
                <button type="button" className="danger" onClick={() => void s.remove()} disabled={busy} data-testid="conn-delete-confirm">
                  {deleting ? 'Deleting…' : 'Delete'}
                </button>{' '}
                <button type="button" onClick={() => s.askDelete(false)} data-testid="conn-delete-cancel">
                  Keep
                </button>
              </span>
            ) : (
              <button type="button" className="danger" onClick={() => s.askDelete(true)} disabled={busy} data-testid="conn-delete">
                Delete…
              </button>
            )
          ) : null}
          <span className="spacer" />
          <button type="button" onClick={() => s.close()} data-testid="conn-cancel">
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy} data-testid="conn-save">
            {saving ? 'Saving…' : editing ? 'Save' : 'Add connection'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
