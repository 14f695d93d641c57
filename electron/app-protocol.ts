// Serves the built renderer as app://mxwarden/… with our CSP, instead of file:// (which would
// give the page the whole file system as its origin). Runtime: Electron main.

import { protocol } from 'electron';
import { APP_HOST, APP_SCHEME } from './app-origin';
import { SECURITY_HEADERS } from './csp';
import { readStaticFile } from './static-files';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export function serveAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => {
    const url = new URL(request.url);
    const file = url.host === APP_HOST ? readStaticFile(rendererDir, url.pathname) : undefined;
    if (!file) return new Response('Not found', { status: 404, headers: SECURITY_HEADERS });
    return new Response(new Uint8Array(file.body), {
      status: 200,
      headers: { 'Content-Type': file.contentType, ...SECURITY_HEADERS },
    });
  });
}
