/** What the user sees first: saved connections to open, a way to add one, and "Open bucket…" by name. */
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { ConnectionSummary } from '../../../../shared/types';
import { OpenBucketForm } from '../browser/OpenBucketForm';
import { AddConnectionForm } from './AddConnectionForm';
import type { StartScreenStore } from './start-screen-store';

export interface StartScreenProps {
  readonly store: StartScreenStore;
  /** Open a connection at its bucket list, or straight at `bucket`. */
  readonly onOpen: (connection: ConnectionSummary, bucket?: string) => void;
}

export function StartScreen({ store, onOpen }: StartScreenProps) {
  const { status, connections, error, adding, addError, load, add } = useStore(store);
  const [showAdd, setShowAdd] = useState(false);
  const [openBucketFor, setOpenBucketFor] = useState<string | null>(null);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <main className="start-screen" data-testid="start-screen">
      <h1>S3 Desk</h1>
      <section>
        <h2>Connections</h2>
        {status === 'error' && error ? <p className="form-error">{error.message}</p> : null}
        {status === 'ready' && connections.length === 0 ? <p className="muted" data-testid="no-connections">No connections yet.</p> : null}
        <ul className="connection-list" data-testid="connection-list">
          {connections.map((c) => (
            <li key={c.id} className="connection-row" data-testid="connection" data-connection-id={c.id} data-name={c.name}>
              <button type="button" className="connection-open" onClick={() => onOpen(c)} data-testid="connection-open">
                <span className="connection-name">{c.name}</span>
                <span className="muted">
                  {c.endpoint ?? 'AWS'} · {c.region}
                  {c.accessKeyHint ? ` · ${c.accessKeyHint}` : ''}
                </span>
              </button>
              <button type="button" onClick={() => setOpenBucketFor(openBucketFor === c.id ? null : c.id)} data-testid="connection-open-bucket">
                Open bucket…
              </button>
              {openBucketFor === c.id ? <OpenBucketForm autoFocus onOpen={(bucket) => onOpen(c, bucket)} /> : null}
            </li>
          ))}
        </ul>
      </section>
      <section>
        {showAdd ? (
          <AddConnectionForm
            busy={adding}
            error={addError}
            onSubmit={(input) => {
              void add(input).then((added) => {
                if (added) setShowAdd(false);
              });
            }}
          />
        ) : (
          <button type="button" onClick={() => setShowAdd(true)} data-testid="add-connection">
            Add connection…
          </button>
        )}
      </section>
    </main>
  );
}
