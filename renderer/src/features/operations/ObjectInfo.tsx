import type { HeadInfo } from '../../../../shared/types';
import type { Loadable } from './operations-store';
import { formatSize } from '../../lib/format';

export interface ObjectInfoProps {
  readonly info: Loadable<HeadInfo>;
  onClose(): void;
}

/** Everything HeadObject says about one object, fetched on demand. */
export function ObjectInfo({ info, onClose }: ObjectInfoProps) {
  if (info.status === 'idle') return null;
  const rows: Array<[string, string]> =
    info.status === 'ready'
      ? [
          ['Key', info.value.key],
          ['Size', `${formatSize(info.value.size)} (${info.value.size} bytes)`],
          ['Content type', info.value.contentType ?? '—'],
          ['Last modified', new Date(info.value.lastModified).toISOString()],
          ['ETag', info.value.etag],
          ['Storage class', info.value.storageClass],
          ['Encryption', info.value.serverSideEncryption ?? 'none'],
          ['Version', info.value.versionId ?? '—'],
          ...Object.entries(info.value.metadata).map(([k, v]): [string, string] => [`x-amz-meta-${k}`, v]),
        ]
      : [];
  return (
    <aside className="ops-info" aria-label="Object info" data-testid="ops-info">
      <header>
        <strong>Info</strong>
        <button type="button" onClick={onClose} aria-label="Close info">
          ×
        </button>
      </header>
      {info.status === 'loading' && <p>Loading…</p>}
      {info.status === 'error' && <p className="ops-problem">{info.error.message}</p>}
      <dl>
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd data-testid={`ops-info-${k.toLowerCase().replace(/\W+/g, '-')}`}>{v}</dd>
          </div>
        ))}
      </dl>
    </aside>
  );
}
