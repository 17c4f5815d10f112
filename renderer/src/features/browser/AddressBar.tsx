import { type FormEvent, type RefObject, useState } from 'react';

export interface AddressBarProps {
  readonly address: string;
  readonly error: string | null;
  readonly inputRef: RefObject<HTMLInputElement | null>;
  readonly onSubmit: (text: string) => void;
  readonly onEdit: () => void;
  readonly onDone: () => void;
}

/** Shows the current s3:// location; edit and press Enter to go anywhere, Escape to put it back. The parent
 *  keys it by the address, so a navigation starts a fresh edit. */
export function AddressBar({ address, error, inputRef, onSubmit, onEdit, onDone }: AddressBarProps) {
  const [text, setText] = useState(address);

  function submit(event: FormEvent) {
    event.preventDefault();
    onSubmit(text);
  }

  return (
    <form className="address-bar" onSubmit={submit} role="search">
      <input
        ref={inputRef}
        className={error ? 'invalid' : undefined}
        value={text}
        spellCheck={false}
        aria-label="Address"
        aria-invalid={error !== null}
        title={error ?? 'Type s3://bucket/folder/ and press Enter'}
        data-testid="address-input"
        onChange={(event) => {
          setText(event.target.value);
          onEdit();
        }}
        onFocus={(event) => event.target.select()}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            setText(address);
            onEdit();
            onDone();
          }
        }}
      />
      {error ? (
        <span className="address-error" role="alert" data-testid="address-error">
          {error}
        </span>
      ) : null}
    </form>
  );
}
