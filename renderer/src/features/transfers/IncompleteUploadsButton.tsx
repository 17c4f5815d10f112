import type { IncompleteUploadsStore } from './incomplete-uploads-store';
import type { BucketLocation } from './transfers-store';

/** Opens the incomplete-uploads view for the bucket being browsed (for the browser's toolbar). */
export function IncompleteUploadsButton({ store, location }: { store: IncompleteUploadsStore; location: BucketLocation | null }) {
  return (
    <button type="button" data-testid="incomplete-open" disabled={!location} onClick={() => location && void store.getState().open(location)}>
      Incomplete uploads…
    </button>
  );
}
