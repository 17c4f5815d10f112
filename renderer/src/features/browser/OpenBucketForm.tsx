import { type FormEvent, useState } from 'react';
import { isPlausibleBucketName } from '../../../../shared/keys';

/** "Open bucket…" by name, for credentials that may use a bucket but not call ListBuckets. */
export function OpenBucketForm({ onOpen, autoFocus = false }: { readonly onOpen: (bucket: string) => void; readonly autoFocus?: boolean }) {
  const [name, setName] = useState('');
  const valid = isPlausibleBucketName(name.trim());
  function submit(event: FormEvent) {
    event.preventDefault();
    if (valid) onOpen(name.trim());
  }
  return (
    <form className="open-bucket" onSubmit={submit} data-testid="open-bucket-form">
      <input
        value={name}
        placeholder="bucket-name"
        aria-label="Bucket name"
        spellCheck={false}
        autoFocus={autoFocus}
        data-testid="open-bucket-input"
        onChange={(event) => setName(event.target.value)}
      />
      <button type="submit" disabled={!valid} data-testid="open-bucket-submit">
        Open bucket
      </button>
    </form>
  );
}
