// Who may talk to the browser-mode server: only a page this process served, on 127.0.0.1,
// holding the session token. A local port that can push mail-server configuration is a target
// for CSRF and DNS rebinding, so Host and Origin are checked on every request. Runtime: Node.

import crypto from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export const newSessionToken = (): string => crypto.randomBytes(32).toString('base64url');

// Cookies are shared across ports of one host: name the cookie after the port so two
// instances (or a stale cookie from an earlier run) never mix.
export const cookieName = (port: number): string => `mxwarden_session_${port}`;

export function sessionCookie(port: number, token: string): string {
  return `${cookieName(port)}=${token}; Path=/; HttpOnly; SameSite=Strict`;
}

export function tokensEqual(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** Why the Host/Origin of a request are not ours, or undefined when they are. */
export function foreignRequest(headers: IncomingHttpHeaders, port: number): string | undefined {
  const hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  if (!headers.host || !hosts.includes(headers.host.toLowerCase())) {
    return `Host ${JSON.stringify(headers.host ?? '')} is not this server (DNS rebinding?)`;
  }
  const origin = headers.origin;
  if (origin !== undefined && !hosts.some((h) => origin.toLowerCase() === `http://${h}`)) {
    return `Origin ${JSON.stringify(origin)} is not this server (cross-site request?)`;
  }
  if (headers['sec-fetch-site'] === 'cross-site') return 'cross-site request';
  return undefined;
}

/** The token a request presents: the session cookie, or a bearer token for scripts. */
export function presentedToken(headers: IncomingHttpHeaders, port: number): string | undefined {
  const auth = headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  return cookieValue(headers.cookie, cookieName(port));
}
