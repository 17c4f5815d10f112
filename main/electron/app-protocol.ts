/**
 * Electron glue for the renderer's app:// origin (main/app-protocol/app-protocol.ts maps requests to files).
 * Electron accepts one registerSchemesAsPrivileged call, before 'ready', so every privileged scheme of the app
 * is registered here.
 */
import { protocol, type Session } from 'electron';
import { APP_SCHEME, type AppProtocolHandler } from '../app-protocol/app-protocol';
import { DRAG_SCHEME } from './drag-protocol';
import { MEDIA_SCHEME_PRIVILEGES } from './media-protocol';

/**
 * app: `standard` + `secure` give the page a real origin (app://s3desk) that counts as a secure context, so
 * 'self' in the CSP means only these files; `supportFetchAPI` lets the page load its own module scripts
 * (same-origin only: without `corsEnabled` no other origin can fetch them); `codeCache` keeps V8's compiled
 * bundle between starts. No bypassCSP, no service workers.
 */
export function registerPrivilegedSchemes(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
    DRAG_SCHEME,
    MEDIA_SCHEME_PRIVILEGES,
  ]);
}

export function serveAppFiles(session: Session, handler: AppProtocolHandler): void {
  session.protocol.handle(APP_SCHEME, handler);
}
