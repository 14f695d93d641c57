// How Exim names a remote host: `name (helo) [address]:port`, each part but the address
// optional — after `H=`, and bare in "authenticator failed for …", "SMTP call from …",
// "no MAIL in SMTP connection from …". Runtime: pure.

export interface HostInfo {
  clientName: string | undefined;
  helo: string | undefined;
  clientAddress: string | undefined;
  clientPort: number | undefined;
}

const HOST = /^(?:([^\s()[\]"]+) )?(?:\(([^)]*)\) )?\[([0-9A-Fa-f:.]+)\](?:[:.](\d{1,5}))?/;

const NONE: HostInfo = {
  clientName: undefined,
  helo: undefined,
  clientAddress: undefined,
  clientPort: undefined,
};

export function parseHostInfo(s: string | undefined): HostInfo {
  const m = s === undefined ? null : HOST.exec(s);
  if (!m) return NONE;
  return {
    clientName: m[1] || undefined,
    helo: m[2],
    clientAddress: m[3],
    clientPort: m[4] ? Number(m[4]) : undefined,
  };
}

/** The host after the last `H=` of a line (a quoted injection can put an earlier one in). */
export function hostAfterH(s: string): HostInfo {
  const i = s.lastIndexOf('H=');
  return i < 0 ? NONE : parseHostInfo(s.slice(i + 2));
}

/** `F=<sender>` or `F=sender` (older Exims did not bracket it). */
export function senderField(s: string): string | undefined {
  const m = /(?:^| )F=(?:<([^>]*)>|(\S+))/.exec(s);
  return m ? (m[1] ?? m[2]) : undefined;
}
