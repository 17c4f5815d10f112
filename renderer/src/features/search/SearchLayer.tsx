/**
 * Container: a Search button over the browser that opens the search panel for the open folder, and Reveal
 * (open the parent folder with the item selected) through the browser store.
 */
import { useState } from 'react';
import { useStore } from 'zustand';
import type { BrowserStore } from '../browser';
import { Modal, ModalTitle } from '../../ui/Modal';
import { SearchPanel } from './SearchPanel';
import type { SearchStore } from './search-store';

export interface SearchLayerProps {
  readonly browser: BrowserStore;
  readonly search: SearchStore;
  readonly onDownload: (keys: readonly string[]) => void;
  readonly onDelete: (keys: readonly string[]) => void;
}

export function SearchLayer({ browser, search, onDownload, onDelete }: SearchLayerProps) {
  const [open, setOpen] = useState(false);
  const connection = useStore(browser, (s) => s.connection);
  const location = useStore(browser, (s) => s.location);
  if (!connection || location.bucket === null) return null;
  const bucket = location.bucket;
  const reveal = async (key: string) => {
    setOpen(false);
    const parent = key.slice(0, key.lastIndexOf('/') + 1);
    await browser.getState().navigate({ bucket, prefix: parent });
    browser.getState().selectAll([key]);
  };
  return (
    <>
      <button
        type="button"
        className="search-open"
        data-testid="search-open"
        onClick={() => {
          setOpen(true);
          void search.getState().open({ connectionId: connection.id, bucket, prefix: location.prefix });
        }}
      >
        Search bucket
      </button>
      {open && (
        <Modal onCancel={() => setOpen(false)} testId="search-dialog" className="search-dialog" label="Search">
          <ModalTitle>Search {bucket}</ModalTitle>
          <SearchPanel store={search} onReveal={(k) => void reveal(k)} onDownload={onDownload} onDelete={onDelete} />
        </Modal>
      )}
    </>
  );
}
