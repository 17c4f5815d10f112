import { useEffect } from 'react';
import { useStore } from 'zustand';
import { PropertiesDialog } from './PropertiesDialog';
import type { PropertiesStore } from './properties-store';

/** The connected container: the dialog when one is open, and the progress subscription while mounted. */
export function PropertiesLayer({ store }: { readonly store: PropertiesStore }) {
  const dialog = useStore(store, (s) => s.dialog);
  useEffect(() => store.getState().start(), [store]);
  if (!dialog) return null;
  return <PropertiesDialog dialog={dialog} actions={store.getState()} />;
}
