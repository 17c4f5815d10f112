/** "View as of…": pick a local date and time (to the second); the folder is then shown as it was then. */
import { useState } from 'react';
import { useStore } from 'zustand';
import { s3Uri } from '../../../../shared/keys';
import { Modal, ModalTitle } from '../../ui/Modal';
import type { Place, RecoveryStore } from './recovery-store';

/** A `datetime-local` value for an instant, in local time, to the second. */
export function localInputValue(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

export function AsOfPicker({ store }: { readonly store: RecoveryStore }) {
  const place = useStore(store, (s) => s.asOfPicker);
  return place ? <Picker store={store} place={place} /> : null;
}

/** Mounted per opening, so "now" is the moment the picker opened. */
function Picker({ store, place }: { readonly store: RecoveryStore; readonly place: Place }) {
  const [openedAt] = useState(() => Date.now());
  const [value, setValue] = useState(() => localInputValue(openedAt));
  const a = store.getState();
  const at = new Date(value).getTime();
  const valid = Number.isFinite(at);
  // The input has whole seconds: allow the second the picker opened in.
  const future = valid && at > openedAt + 1000;
  return (
    <Modal onCancel={a.closeAsOfPicker} className="ops-dialog" testId="as-of-picker">
      <ModalTitle>View {s3Uri(place.bucket, place.prefix)} as of…</ModalTitle>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (valid && !future) void a.viewAsOf(place, at);
        }}
      >
        <label>
          Date and time (your local time)
          <input type="datetime-local" step={1} value={value} onChange={(e) => setValue(e.target.value)} autoFocus data-testid="as-of-input" />
        </label>
        <p>Each file is shown in the version that was current at that moment; files created later are absent, files deleted since are back. Nothing is changed: the view is read-only.</p>
        {!valid ? <p className="ops-problem">Enter a date and time.</p> : future ? <p className="ops-problem">That moment is in the future: pick one up to now.</p> : null}
        <div className="ops-buttons">
          <button type="button" onClick={a.closeAsOfPicker}>
            Cancel
          </button>
          <button type="submit" disabled={!valid || future} data-testid="as-of-ok">
            View
          </button>
        </div>
      </form>
    </Modal>
  );
}
