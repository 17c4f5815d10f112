import { type FormEvent, useState } from 'react';
import type { AppError } from '../../../../shared/errors';
import type { ConnectionInput } from '../../../../shared/ipc';

export interface AddConnectionFormProps {
  readonly busy: boolean;
  readonly error: AppError | null;
  readonly onSubmit: (input: ConnectionInput) => void;
}

/** A minimal inline form for an S3-compatible endpoint with static keys. The secret goes straight to main. */
export function AddConnectionForm({ busy, error, onSubmit }: AddConnectionFormProps) {
  const [name, setName] = useState('');
  const [endpoint, setEndpoint] = useState('');
  const [region, setRegion] = useState('us-east-1');
  const [pathStyle, setPathStyle] = useState(true);
  const [accessKeyId, setAccessKeyId] = useState('');
  const [secretAccessKey, setSecretAccessKey] = useState('');
  const complete = name.trim() !== '' && region.trim() !== '' && accessKeyId.trim() !== '' && secretAccessKey !== '';

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!complete) return;
    onSubmit({
      name: name.trim(),
      ...(endpoint.trim() ? { endpoint: endpoint.trim() } : {}),
      region: region.trim(),
      forcePathStyle: pathStyle,
      credentials: { accessKeyId: accessKeyId.trim(), secretAccessKey },
    });
  }

  return (
    <form className="add-connection" onSubmit={submit} data-testid="add-connection-form">
      <label>
        Name <input value={name} onChange={(e) => setName(e.target.value)} data-testid="conn-name" required />
      </label>
      <label>
        Endpoint{' '}
        <input value={endpoint} onChange={(e) => setEndpoint(e.target.value)} placeholder="empty for AWS, or http://host:9000" data-testid="conn-endpoint" />
      </label>
      <label>
        Region <input value={region} onChange={(e) => setRegion(e.target.value)} data-testid="conn-region" required />
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={pathStyle} onChange={(e) => setPathStyle(e.target.checked)} data-testid="conn-path-style" /> Path-style
        addressing
      </label>
      <label>
        Access key <input value={accessKeyId} onChange={(e) => setAccessKeyId(e.target.value)} autoComplete="off" spellCheck={false} data-testid="conn-access-key" required />
      </label>
      <label>
        Secret key{' '}
        <input type="password" value={secretAccessKey} onChange={(e) => setSecretAccessKey(e.target.value)} autoComplete="off" data-testid="conn-secret" required />
      </label>
      {error ? (
        <p className="form-error" role="alert" data-testid="conn-error">
          {error.message}
        </p>
      ) : null}
      <button type="submit" className="primary" disabled={!complete || busy} data-testid="conn-save">
        {busy ? 'Saving…' : 'Add connection'}
      </button>
    </form>
  );
}
