/**
 * Drag-out by streaming: for one large file, the table puts Chromium's `DownloadURL` drag data on the HTML drag
 * instead of staging the file first. Chromium (Windows and macOS) then asks main's privileged app protocol for
 * the address when the user drops, and writes the file at the drop location itself. The address names the
 * object only; main answers from its own connection and cache, so nothing in it is a credential.
 */
import type { ConnectionId } from './types';

/** The app protocol main registers (privileged, standard, secure, streaming). */
export const DRAG_STREAM_SCHEME = 's3desk-drag';

const PREFIX = `${DRAG_STREAM_SCHEME}://object/?`;

export interface DragStreamRef {
  readonly connectionId: ConnectionId;
  readonly bucket: string;
  readonly key: string;
}

/** What the renderer needs to pick a drag-out mechanism synchronously inside `dragstart`. */
export interface DragOptions {
  /** Single files at least this large are dragged by DownloadURL; null where Chromium cannot (Linux). */
  readonly streamAboveBytes: number | null;
  /** Staged (startDrag) selections above this are refused with a message. */
  readonly stageLimitBytes: number;
}

/**
 * The address of one object. Everything sits in the query, percent-encoded: a standard scheme's path would be
 * normalized ("a/../b", "%2E%2E"), and keys are arbitrary strings.
 */
export function dragStreamUrl(ref: DragStreamRef): string {
  const part = (name: string, value: string) => `${name}=${encodeURIComponent(value)}`;
  return PREFIX + [part('c', ref.connectionId), part('b', ref.bucket), part('k', ref.key)].join('&');
}

/** The object an address names, or null for anything this app did not make. */
export function parseDragStreamUrl(url: string): DragStreamRef | null {
  if (!url.startsWith(PREFIX)) return null;
  const fields = new Map<string, string>();
  for (const pair of url.slice(PREFIX.length).split('&')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) return null;
    const name = pair.slice(0, eq);
    if (fields.has(name)) return null;
    try {
      fields.set(name, decodeURIComponent(pair.slice(eq + 1)));
    } catch {
      return null; // malformed percent-encoding
    }
  }
  const connectionId = fields.get('c');
  const bucket = fields.get('b');
  const key = fields.get('k');
  if (fields.size !== 3 || !connectionId || !bucket || !key) return null;
  return { connectionId, bucket, key };
}

/**
 * The file name offered to the OS: the key's last segment. Chromium reads DownloadURL as
 * "mime:name:url" (the name ends at the second colon) and sanitizes the name again for the platform.
 */
export function dragFileName(key: string): string {
  const segments = key.split('/').filter((s) => s !== '');
  // eslint-disable-next-line no-control-regex -- control characters are what is being replaced
  const name = (segments.at(-1) ?? '').replace(/[\u0000-\u001f\u007f:\\/]/g, '_');
  return name === '' || name === '.' || name === '..' ? 'download' : name;
}

/** The `DownloadURL` drag data for one object. */
export function downloadUrlData(ref: DragStreamRef): string {
  return `application/octet-stream:${dragFileName(ref.key)}:${dragStreamUrl(ref)}`;
}
