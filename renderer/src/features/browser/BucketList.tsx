import type { BucketInfo } from '../../../../shared/types';
import { formatDate } from '../../lib/format';
import { BucketIcon } from './Icons';

/** The connection's buckets; one click opens a bucket (they are places, not files to select). */
export function BucketList({ buckets, onOpen }: { readonly buckets: readonly BucketInfo[]; readonly onOpen: (name: string) => void }) {
  if (buckets.length === 0) {
    return (
      <div className="state state-empty" data-testid="no-buckets">
        No buckets are visible to this connection. Use “Open bucket…” if you know its name.
      </div>
    );
  }
  return (
    <ul className="bucket-list" data-testid="bucket-list">
      {buckets.map((bucket) => (
        <li key={bucket.name}>
          <button type="button" className="bucket-row" data-testid="bucket" data-bucket={bucket.name} onClick={() => onOpen(bucket.name)}>
            <BucketIcon />
            <span className="bucket-name">{bucket.name}</span>
            <span className="bucket-date">{bucket.createdAt ? formatDate(bucket.createdAt) : ''}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
