import { useStore } from 'zustand';
import { Modal, ModalTitle } from '../../ui/Modal';
import { CLASS_FIELDS, draftProblems, type PriceTablesActions, type PriceTablesState, type PriceTablesStore } from './price-tables-store';
import './price-tables.css';

export type PriceTablesViewProps = Omit<PriceTablesState, 'open'> & { readonly actions: Omit<PriceTablesActions, 'show'> };

/** The connected dialog: up while the store says open. */
export function PriceTablesDialog({ store }: { store: PriceTablesStore }) {
  const state = useStore(store);
  if (!state.open) return null;
  return <PriceTablesView tables={state.tables} selectedId={state.selectedId} draft={state.draft} saved={state.saved} error={state.error} actions={state} />;
}

/** Per provider and region: the prices every plan's cost estimate uses, editable, saved whole, resettable. */
export function PriceTablesView({ tables, selectedId, draft, saved, error, actions }: PriceTablesViewProps) {
  const table = tables.find((t) => t.id === selectedId);
  const problems = draft ? draftProblems(draft) : [];
  return (
    <Modal onCancel={actions.close} className="prices-dialog" testId="price-tables">
      <ModalTitle>Price tables</ModalTitle>
      <p>Cost estimates on every plan use the table of the connection's provider and region, and name it.</p>
      <label>
        Table{' '}
        <select value={selectedId ?? ''} onChange={(e) => actions.select(e.target.value)} data-testid="prices-table">
          {tables.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
              {t.edited ? ' (edited)' : ''}
            </option>
          ))}
        </select>
      </label>
      {table && draft ? (
        <>
          <p data-testid="prices-which">
            {table.provider}, {table.region}
            {table.edited ? ': your prices' : ': built-in list prices'}
          </p>
          <div className="prices-fields">
            <label>
              Prices as of <input value={draft.asOf} onChange={(e) => actions.setField('asOf', e.target.value)} data-testid="prices-as-of" />
            </label>
            <label>
              LIST $/1000 <input value={draft.listPer1000} onChange={(e) => actions.setField('listPer1000', e.target.value)} data-testid="prices-list" />
            </label>
            <label>
              Egress $/GB <input value={draft.egressGb} onChange={(e) => actions.setField('egressGb', e.target.value)} data-testid="prices-egress" />
            </label>
          </div>
          <div className="prices-scroll">
            <table className="prices-classes" data-testid="prices-classes">
              <thead>
                <tr>
                  <th scope="col">Class</th>
                  {CLASS_FIELDS.map(([, label]) => (
                    <th scope="col" key={label}>
                      {label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {Object.entries(draft.classes).map(([cls, c]) => (
                  <tr key={cls}>
                    <th scope="row">{cls}</th>
                    {CLASS_FIELDS.map(([field, label]) => (
                      <td key={field}>
                        <input
                          aria-label={`${cls} ${label}`}
                          value={c[field]}
                          onChange={(e) => actions.setClassField(cls, field, e.target.value)}
                          data-testid={`prices-${cls}-${field}`}
                        />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      {problems.length > 0 ? (
        <ul role="alert" className="prices-problems" data-testid="prices-problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
      {error ? (
        <p role="alert" className="prices-problems" data-testid="prices-error">
          {error.title}: {error.message}
        </p>
      ) : null}
      {saved ? (
        <p role="status" data-testid="prices-saved">
          {saved}
        </p>
      ) : null}
      <div className="prices-buttons">
        <button type="button" onClick={() => void actions.reset()} disabled={!table?.edited} data-testid="prices-reset">
          Reset to built-in
        </button>
        <button type="button" onClick={actions.close} data-testid="prices-close">
          Close
        </button>
        <button type="button" className="primary" disabled={!draft || problems.length > 0} onClick={() => void actions.save()} data-testid="prices-save">
          Save
        </button>
      </div>
    </Modal>
  );
}
