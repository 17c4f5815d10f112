/** What the user sees first: saved connections to open or edit, a way to add one, and "Open bucket…" by name. */
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { ConnectionSummary } from '../../../../shared/types';
import { OpenBucketForm } from '../browser';
import { ConnectionDialog } from './ConnectionDialog';
import type { ConnectionDialogStore } from './connection-dialog-store';
import type { StartScreenStore } from './start-screen-store';

export interface StartScreenProps {
  readonly store: StartScreenStore;
  /** Add, edit, test and delete connections (its onSaved/onDeleted reload `store`). */
  readonly dialog: ConnectionDialogStore;
  /** Open a connection at its bucket list, or straight at `bucket`. */
  readonly onOpen: (connection: ConnectionSummary, bucket?: string) => void;
  /** "Sign in" for an SSO profile the connection test found signed out. */
  readonly onSignIn?: (profile: string) => void;
}

/** Where a connection's secret is, when that needs the user's attention. */
function SecretBadge({ connection }: { readonly connection: ConnectionSummary }) {
  if (connection.secret === 'missing')
    return (
      <span className="connection-badge warning" data-testid="connection-secret-missing" title="Edit the connection and enter its secret again">
        secret needed
      </span>
    );
  if (connection.secret === 'session-only')
    return (
      <span className="connection-badge" data-testid="connection-session-only" title="Not stored on disk (no OS encryption, or no settings folder): kept until S3 Desk quits">
        this session only
      </span>
    );
  return null;
}

export function StartScreen({ store, dialog, onOpen, onSignIn }: StartScreenProps) {
  const { status, connections, error, load } = useStore(store);
  const storeStatus = useStore(dialog, (s) => s.storeStatus);
  const profiles = useStore(dialog, (s) => s.profiles);
  const loadContext = useStore(dialog, (s) => s.loadContext);
  const [openBucketFor, setOpenBucketFor] = useState<string | null>(null);

  useEffect(() => {
    // The settings file's state (moved aside? encryption available?) is shown here, before any dialog opens.
    void loadContext();
  }, [loadContext]);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <main className="start-screen" data-testid="start-screen">
      <h1>S3 Desk</h1>
      <section>
        <h2>Connections</h2>
        {status === 'error' && error ? <p className="form-error">{error.message}</p> : null}
        {storeStatus?.problem ? (
          <p className="banner warning" role="alert" data-testid="settings-problem">
            {storeStatus.problem.message}
          </p>
        ) : null}
        {status === 'ready' && connections.length === 0 ? <p className="muted" data-testid="no-connections">No connections yet.</p> : null}
        <ul className="connection-list" data-testid="connection-list">
          {connections.map((c) => (
            <li key={c.id} className="connection-row" data-testid="connection" data-connection-id={c.id} data-name={c.name}>
              <button type="button" className="connection-open" onClick={() => onOpen(c, c.bucket ?? undefined)} data-testid="connection-open">
                <span className="connection-name">{c.name}</span>
                <span className="muted">
                  {c.endpoint ?? 'AWS'} · {c.region}
                  {c.profile ? ` · profile ${c.profile}` : ''}
                  {c.accessKeyHint ? ` · ${c.accessKeyHint}` : ''}
                  {c.bucket ? ` · ${c.bucket}` : ''}
                </span>
              </button>
              <SecretBadge connection={c} />
              <button type="button" onClick={() => dialog.getState().openEdit(c)} data-testid="connection-edit">
                Edit…
              </button>
              <button type="button" onClick={() => setOpenBucketFor(openBucketFor === c.id ? null : c.id)} data-testid="connection-open-bucket">
                Open bucket…
              </button>
              {openBucketFor === c.id ? <OpenBucketForm autoFocus onOpen={(bucket) => onOpen(c, bucket)} /> : null}
            </li>
          ))}
        </ul>
      </section>
      {profiles && profiles.profiles.some((p) => !connections.some((c) => c.profile === p.name)) ? (
        <section data-testid="aws-profiles">
          <h2>AWS profiles</h2>
          <p className="muted">From {profiles.configFile} and {profiles.credentialsFile}</p>
          <ul className="connection-list">
            {profiles.profiles
              .filter((p) => !connections.some((c) => c.profile === p.name))
              .map((p) => (
                <li key={p.name} className="connection-row" data-testid="aws-profile" data-name={p.name}>
                  <span className="connection-name">{p.name}</span>
                  <span className="muted">
                    {p.kind}
                    {p.region ? ` · ${p.region}` : ''}
                    {p.name === profiles.defaultProfile ? ' · default' : ''}
                  </span>
                  <span className="spacer" />
                  <button type="button" onClick={() => dialog.getState().openAddFromProfile(p.name)} data-testid="aws-profile-add">
                    Add…
                  </button>
                </li>
              ))}
          </ul>
        </section>
      ) : null}
      <section>
        <button type="button" onClick={() => dialog.getState().openAdd()} data-testid="add-connection">
          Add connection…
        </button>
      </section>
      <ConnectionDialog store={dialog} {...(onSignIn ? { onSignIn } : {})} />
    </main>
  );
}
