import type { PairRow } from './edit-draft';

export interface PairsEditorProps {
  /** "metadata" or "tags": test ids are props-<list>-…. */
  readonly list: 'metadata' | 'tags';
  readonly title: string;
  readonly rows: readonly PairRow[];
  /** Many objects: each row can instead remove its name from every object. */
  readonly many: boolean;
  /** Shown instead of the rows when the current values could not be read. */
  readonly note?: string | null;
  onAdd(): void;
  onChange(id: number, patch: Partial<Omit<PairRow, 'id'>>): void;
  onDelete(id: number): void;
}

/** Name/value rows for user metadata or tags: add, edit, delete (and, for many objects, "remove from all"). */
export function PairsEditor({ list, title, rows, many, note, onAdd, onChange, onDelete }: PairsEditorProps) {
  return (
    <fieldset className="props-pairs" data-testid={`props-${list}`}>
      <legend>{title}</legend>
      {note ? <p className="props-section-error">{note}</p> : null}
      {rows.map((r, n) => (
        <div className="props-pair" key={r.id} data-testid={`props-${list}-row`}>
          <input
            aria-label={`${title} name ${n + 1}`}
            value={r.name}
            placeholder="name"
            onChange={(e) => onChange(r.id, { name: e.target.value })}
            data-testid={`props-${list}-name`}
          />
          <input
            aria-label={`${title} value ${n + 1}`}
            value={r.value}
            placeholder={r.remove ? '(removed)' : 'value'}
            disabled={r.remove}
            onChange={(e) => onChange(r.id, { value: e.target.value })}
            data-testid={`props-${list}-value`}
          />
          {many ? (
            <label className="props-remove">
              <input type="checkbox" checked={r.remove} onChange={(e) => onChange(r.id, { remove: e.target.checked })} data-testid={`props-${list}-remove`} />
              remove from all
            </label>
          ) : null}
          <button type="button" aria-label={`Delete ${title.toLowerCase()} row ${n + 1}`} onClick={() => onDelete(r.id)} data-testid={`props-${list}-delete`}>
            ×
          </button>
        </div>
      ))}
      <button type="button" onClick={onAdd} data-testid={`props-${list}-add`}>
        Add
      </button>
    </fieldset>
  );
}
