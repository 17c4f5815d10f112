/**
 * Electron glue for DownloadURL drag-outs: the privileged scheme Chromium fetches a dropped file from, served by
 * the headless handler in main/transfers/drag-stream.ts. Only Windows and macOS Chromium turn DownloadURL drag
 * data into a file at the drop location; on Linux every drag-out is staged and handed to startDrag.
 */
import { type CustomScheme, type Session } from 'electron';
import { DRAG_STREAM_SCHEME } from '../../shared/drag-stream';
import type { DragStreamHandler } from '../transfers/drag-stream';

/**
 * From this size up a single file is dragged by DownloadURL. Smaller ones are staged first: a staged drag carries
 * a real file that any app accepts (a mail draft, an editor), while a DownloadURL drop only lands in the file
 * manager; and below this size staging takes about as long as the drag gesture itself.
 */
export const DRAG_STREAM_ABOVE_BYTES = 64 * 1024 * 1024;

/** null where Chromium has no DownloadURL drag-out (Linux). */
export function dragStreamThreshold(platform: NodeJS.Platform): number | null {
  return platform === 'win32' || platform === 'darwin' ? DRAG_STREAM_ABOVE_BYTES : null;
}

/**
 * Registered before app 'ready', in main/electron/app-protocol.ts's one registerSchemesAsPrivileged call (Electron
 * takes only one). `standard` parses the address like http and, in Electron, registers the scheme as web-safe,
 * which Chromium's download manager requires of an address a page put in DownloadURL drag data. `stream` serves
 * the body as it is read. No supportFetchAPI/corsEnabled: pages cannot fetch it.
 */
export const DRAG_SCHEME: CustomScheme = { scheme: DRAG_STREAM_SCHEME, privileges: { standard: true, secure: true, stream: true } };

export function serveDragStreams(session: Session, handler: DragStreamHandler): void {
  session.protocol.handle(DRAG_STREAM_SCHEME, handler);
}
