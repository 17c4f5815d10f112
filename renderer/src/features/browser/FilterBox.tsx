import type { RefObject } from 'react';

export interface FilterBoxProps {
  readonly value: string;
  readonly inputRef: RefObject<HTMLInputElement | null>;
  readonly onChange: (text: string) => void;
  /** Back to the table (Escape, Enter or ArrowDown). */
  readonly onDone: () => void;
}

export function FilterBox({ value, inputRef, onChange, onDone }: FilterBoxProps) {
  return (
    <input
      ref={inputRef}
      className="filter-box"
      type="search"
      placeholder="Filter this folder"
      aria-label="Filter this folder"
      value={value}
      spellCheck={false}
      data-testid="filter-input"
      onChange={(event) => onChange(event.target.value)}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          onChange('');
          onDone();
          event.preventDefault();
        } else if (event.key === 'Enter' || event.key === 'ArrowDown') {
          onDone();
          event.preventDefault();
        }
      }}
    />
  );
}
