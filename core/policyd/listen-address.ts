// Where the policy service listens, written the way Postfix names policy services:
// `127.0.0.1:10040`, `inet:127.0.0.1:10040`, `[::1]:10040`, or `unix:/path/to/socket`.
// Runtime: pure.

export type ListenAddress =
  { kind: 'tcp'; host: string; port: number } | { kind: 'unix'; path: string };

export type ListenParse = { ok: true; address: ListenAddress } | { ok: false; why: string };

export function parseListenAddress(text: string): ListenParse {
  const s = text.trim();
  if (s.startsWith('unix:')) {
    const path = s.slice('unix:'.length);
    if (!path.startsWith('/') || path.includes('\0'))
      return { ok: false, why: `unix:${path}: the socket path must be absolute` };
    // sockaddr_un holds 108 bytes including the final NUL.
    if (Buffer.byteLength(path) > 107)
      return { ok: false, why: `unix:${path}: the socket path is longer than 107 bytes` };
    return { ok: true, address: { kind: 'unix', path } };
  }
  const rest = s.startsWith('inet:') ? s.slice('inet:'.length) : s;
  const m = /^(?:\[([0-9A-Fa-f:.]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(rest);
  if (!m)
    return {
      ok: false,
      why: `${JSON.stringify(text)} is not HOST:PORT, [IPv6]:PORT or unix:/path`,
    };
  const port = Number(m[3]);
  if (port < 0 || port > 65535) return { ok: false, why: `port ${port} is not 0..65535` };
  return { ok: true, address: { kind: 'tcp', host: (m[1] ?? m[2]) as string, port } };
}

export function describeListen(a: ListenAddress, port?: number): string {
  if (a.kind === 'unix') return `unix:${a.path}`;
  const host = a.host.includes(':') ? `[${a.host}]` : a.host;
  return `inet:${host}:${port ?? a.port}`;
}
