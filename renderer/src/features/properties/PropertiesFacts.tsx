import type { Encryption, ObjectProperties } from '../../../../shared/properties';
import { formatDate, formatExactBytes, formatSize } from '../../lib/format';
import { restoreText } from '../../lib/restore-text';

function encryptionText(e: Encryption): string {
  if (e.kind === 'none') return 'None';
  if (e.kind === 'AES256') return 'SSE-S3 (AES256)';
  return e.keyId ? `SSE-KMS (${e.keyId})` : 'SSE-KMS (AWS-managed key)';
}

/** What one object is, read-only: size, class, restore state, encryption, version, and who may read it. */
export function PropertiesFacts({ props }: { readonly props: ObjectProperties }) {
  const restore = restoreText(props.storageClass, props.restore);
  return (
    <dl className="props-facts" data-testid="props-facts">
      <dt>Size</dt>
      <dd>{`${formatSize(props.size)} (${formatExactBytes(props.size)})`}</dd>
      <dt>Modified</dt>
      <dd>{formatDate(props.lastModified)}</dd>
      <dt>Storage class</dt>
      <dd data-testid="props-class">{props.storageClass}</dd>
      {restore ? (
        <>
          <dt>Restore</dt>
          <dd data-testid="props-restore" data-state={props.restore.state}>
            {restore}
          </dd>
        </>
      ) : null}
      <dt>Encryption</dt>
      <dd data-testid="props-encryption">{encryptionText(props.encryption)}</dd>
      <dt>ETag</dt>
      <dd>{props.etag}</dd>
      {props.versionId ? (
        <>
          <dt>Version</dt>
          <dd>{props.versionId}</dd>
        </>
      ) : null}
      <dt>Access</dt>
      <dd data-testid="props-access">
        {props.acl.ok ? (
          <>
            <span data-testid="props-public" data-public={String(props.acl.value.public)}>
              {props.acl.value.public ? 'Public: anyone can read it' : 'Not public'}
            </span>
            <ul className="props-grants" data-testid="props-grants">
              {props.acl.value.grants.map((g) => (
                <li key={`${g.grantee}\0${g.permission}`}>
                  {g.permission} — {g.grantee}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <span className="props-section-error" data-code={props.acl.error.code}>
            ACL not readable: {props.acl.error.message}
          </span>
        )}
      </dd>
    </dl>
  );
}
