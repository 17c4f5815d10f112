import * as Dialog from '@radix-ui/react-dialog';
import { CircleAlert, CircleCheck, History } from 'lucide-react';
import { useStore } from 'zustand';
import type { ActivityStore } from './activity-store';
import './activity.css';

const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/**
 * The status bar's "Activity" button and its panel of recent results and failures (a non-modal Radix dialog:
 * Escape closes it and focus goes back to the button).
 */
export function ActivityButton({ store }: { readonly store: ActivityStore }) {
  const entries = useStore(store, (s) => s.entries);
  const unseen = useStore(store, (s) => s.unseenFailures);
  const open = useStore(store, (s) => s.open);
  const { setOpen, clear } = store.getState();
  return (
    <Dialog.Root open={open} onOpenChange={setOpen} modal={false}>
      <Dialog.Trigger asChild>
        <button type="button" className="icon-button activity-button" data-testid="activity-button" aria-label={unseen ? `Activity, ${unseen} new failures` : 'Activity'} title="Activity">
          <History size={14} aria-hidden="true" />
          {unseen > 0 && (
            <span className="activity-badge" data-testid="activity-badge">
              {unseen}
            </span>
          )}
        </button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Content className="activity-panel" data-testid="activity-panel" aria-describedby={undefined} onInteractOutside={() => setOpen(false)}>
          <header>
            <Dialog.Title>Activity</Dialog.Title>
            <button type="button" onClick={clear} disabled={entries.length === 0}>
              Clear
            </button>
            <Dialog.Close asChild>
              <button type="button" className="icon-button" aria-label="Close activity">
                ×
              </button>
            </Dialog.Close>
          </header>
          {entries.length === 0 ? (
            <p className="activity-empty">Nothing yet. Finished operations and their problems show here.</p>
          ) : (
            <ul className="activity-list">
              {entries.map((e) => (
                <li key={e.id} data-testid="activity-entry" data-outcome={e.outcome}>
                  {e.outcome === 'failure' ? (
                    <CircleAlert size={14} className="activity-icon failure" aria-label="Failed" />
                  ) : (
                    <CircleCheck size={14} className="activity-icon success" aria-label="Done" />
                  )}
                  <div>
                    <strong>{e.title}</strong> <time dateTime={new Date(e.at).toISOString()}>{time.format(e.at)}</time>
                    {e.details.map((d, i) => (
                      <p key={i}>{d}</p>
                    ))}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
