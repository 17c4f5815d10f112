import type { NameValueRow } from '../lib/name-value-rows';
import './ui.css';

/** A row; `remove` only where one form edits many objects ("remove from all"). */
export interface EditableRow extends NameValueRow {
  readonly remove?: boolean;
}

export interface PairsEditorProps {
  /** Test ids are <testIds>-<list>-…, e.g. props-metadata-name. */
  readonly testIds: string;
  readonly list: 'metadata' | 'tags';
  readonly title: string;
  readonly rows: readonly EditableRow[];
  /** Many objects: each row can instead remove its name from every object. */
  readonly many?: boolean;
  /** Shown above the rows, e.g. when the current values could not be read. */
  readonly note?: string | null;
  onAdd(): void;
  onChange(id: number, patch: { name?: string; value?: string; remove?: boolean }): void;
  onDelete(id: number): void;
}

/** Name/value rows for user metadata or tags: add, edit, delete (and, for many objects, "remove from all"). */
export function PairsEditor({ testIds, list, title, rows, many = false, note, onAdd, onChange, onDelete }: PairsEditorProps) {
  const id = `${testIds}-${list}`;
  return (
    <fieldset className="pairs" data-testid={id}>
      <legend>{title}</legend>
      {note ? <p className="pairs-note">{note}</p> : null}
      {rows.map((r, n) => (
        <div className="pairs-row" key={r.id} data-testid={`${id}-row`}>
          <input aria-label={`${title} name ${n + 1}`} value={r.name} placeholder="name" onChange={(e) => onChange(r.id, { name: e.target.value })} data-testid={`${id}-name`} />
          <input
            aria-label={`${title} value ${n + 1}`}
            value={r.value}
            placeholder={r.remove ? '(removed)' : 'value'}
            disabled={r.remove === true}
            onChange={(e) => onChange(r.id, { value: e.target.value })}
            data-testid={`${id}-value`}
          />
          {many ? (
            <label className="pairs-remove">
              <input type="checkbox" checked={r.remove === true} onChange={(e) => onChange(r.id, { remove: e.target.checked })} data-testid={`${id}-remove`} />
              remove from all
            </label>
          ) : null}
          <button type="button" aria-label={`Delete ${title.toLowerCase()} row ${n + 1}`} onClick={() => onDelete(r.id)} data-testid={`${id}-delete`}>
            ×
          </button>
        </div>
      ))}
      <button type="button" onClick={onAdd} data-testid={`${id}-add`}>
        Add
      </button>
    </fieldset>
  );
}
