import { basename } from '../../../../shared/keys';
import { formatDate, formatExactBytes, formatIsoDate, formatSize } from '../../lib/format';
import { restoreText } from '../../lib/restore-text';
import type { FolderSize } from '../../../../shared/types';
import type { CallResult } from '../../lib/call';
import type { InfoState } from './browser-store';
import { FolderSizeField } from './FolderSizeField';

export interface InfoPanelProps {
  readonly info: InfoState;
  readonly onClose: () => void;
  readonly onLoadHead: () => void;
  /** Counts a folder's objects and bytes (one recursive listing); absent: no "Calculate size". */
  readonly onCalculateSize?: ((prefix: string) => Promise<CallResult<FolderSize>>) | undefined;
  /** Opens the Properties dialog (view and edit) for this object; absent: no button. */
  readonly onProperties?: ((key: string) => void) | undefined;
}

function Field({ label, value, testId, title }: { readonly label: string; readonly value: string; readonly testId?: string; readonly title?: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd data-testid={testId} title={title}>
        {value || '—'}
      </dd>
    </>
  );
}

/** Details of one entry: first what the listing already knows (from the cache, no request), then — only when
 *  the user asks — the object's headers via one HeadObject. */
export function InfoPanel({ info, onClose, onLoadHead, onCalculateSize, onProperties }: InfoPanelProps) {
  if (info.key === null) return null;
  const stat = info.stat;
  const head = info.head;
  return (
    <aside className="info-panel" data-testid="info-panel" aria-label="Details">
      <header>
        <span className="info-title" title={info.key}>{basename(info.key)}</span>
        <button type="button" className="icon-button" aria-label="Close details" onClick={onClose} data-testid="info-close">
          ×
        </button>
      </header>
      <dl>
        <Field label="Key" value={info.key} testId="info-key" />
        {stat?.kind === 'object' ? (
          <>
            <Field label="Size" value={`${formatSize(stat.size)} (${formatExactBytes(stat.size)})`} testId="info-size" />
            <Field label="Modified" value={formatDate(stat.lastModified)} title={formatIsoDate(stat.lastModified)} />
            <Field label="Storage class" value={stat.storageClass} />
            <Field label="ETag" value={stat.etag} />
          </>
        ) : null}
        {stat?.kind === 'folder' ? <Field label="Kind" value="Folder" /> : null}
      </dl>
      {info.statError ? (
        <p className="info-error" role="alert" data-code={info.statError.code}>
          {info.statError.message}
        </p>
      ) : null}
      {stat?.kind === 'object' || (!stat && !info.key.endsWith('/')) ? (
        <section className="info-head">
          {info.headStatus === 'ready' && head ? (
            <dl data-testid="info-head">
              {stat?.kind !== 'object' ? (
                // Not in the listing (or evicted from the cache): HeadObject is the only source of these.
                <>
                  <Field label="Size" value={`${formatSize(head.size)} (${formatExactBytes(head.size)})`} testId="info-size" />
                  <Field label="Modified" value={formatDate(head.lastModified)} title={formatIsoDate(head.lastModified)} />
                  <Field label="Storage class" value={head.storageClass} />
                  <Field label="ETag" value={head.etag} />
                </>
              ) : null}
              <Field label="Content type" value={head.contentType ?? ''} testId="info-content-type" />
              <Field label="Encryption" value={head.serverSideEncryption ?? 'None'} />
              <Field label="Version" value={head.versionId ?? ''} />
              {head.restore && restoreText(head.storageClass, head.restore) ? (
                <Field label="Restore" value={restoreText(head.storageClass, head.restore)} testId="info-restore" />
              ) : null}
              {Object.entries(head.metadata).map(([name, value]) => (
                <Field key={name} label={`x-amz-meta-${name}`} value={value} />
              ))}
            </dl>
          ) : (
            <button type="button" onClick={onLoadHead} disabled={info.headStatus === 'loading'} data-testid="info-load-head">
              {info.headStatus === 'loading' ? 'Loading headers…' : 'Get headers and metadata (1 request)'}
            </button>
          )}
          {onProperties ? (
            <button type="button" onClick={() => onProperties(info.key as string)} data-testid="info-properties">
              Properties…
            </button>
          ) : null}
          {info.headError ? (
            <p className="info-error" role="alert" data-code={info.headError.code} title={info.headError.detail || undefined}>
              {info.headError.title}: {info.headError.message}
            </p>
          ) : null}
        </section>
      ) : null}
      {info.key.endsWith('/') && onCalculateSize ? (
        <section className="info-head">
          <FolderSizeField key={info.key} calculate={() => onCalculateSize(info.key!)} />
        </section>
      ) : null}
    </aside>
  );
}
