/**
 * Electron glue for audio/video previews: the privileged scheme <audio>/<video> stream from, answered by the
 * headless handler in main/preview/media-protocol.ts (one ranged GET per Range request).
 */
import type { CustomScheme, Session } from 'electron';
import { MEDIA_SCHEME } from '../../shared/preview';

/**
 * Registered in main/electron/app-protocol.ts's one registerSchemesAsPrivileged call. `standard` + `secure`
 * parse the address like https and let a secure page load from it; `stream` is what Chromium's media stack
 * needs to seek in a custom scheme (without it Range requests are not made). No supportFetchAPI and no
 * corsEnabled: page scripts cannot fetch() the bytes, only a media element can play them (CSP media-src).
 */
export const MEDIA_SCHEME_PRIVILEGES: CustomScheme = { scheme: MEDIA_SCHEME, privileges: { standard: true, secure: true, stream: true } };

export function serveMedia(session: Session, handler: (request: Request) => Promise<Response>): void {
  session.protocol.handle(MEDIA_SCHEME, handler);
}
