// Links the app may open in the user's browser. Everything else is dropped: the renderer must
// not become a way to launch arbitrary URLs or protocol handlers. Runtime: pure.

const ALLOWED_ORIGINS = new Set([
  'https://www.postfix.org',
  'https://postfix.org',
  'https://postgrey.schweikert.ch',
  'https://www.rfc-editor.org',
  'https://datatracker.ietf.org',
  'https://www.spamhaus.org',
  'https://www.dnswl.org',
  'https://github.com',
]);

export function isAllowedExternalUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (
      u.protocol === 'https:' &&
      u.username === '' &&
      u.password === '' &&
      ALLOWED_ORIGINS.has(u.origin)
    );
  } catch {
    return false;
  }
}
