// After a reload: does each SMTP listener of the server answer with its banner? Connected through
// the SSH connection itself (a direct-tcpip channel to the listener's address as the server sees
// it), so it checks exactly what the server's clients reach, with no port opened to us. postscreen's
// first "220-" line is enough (waiting for its full greeting would mean its greet delay); smtpd
// gets a polite QUIT. Runtime: Node.

import type { MasterEntry } from '../../targets/postfix/master-cf';
import type { SshSession } from '../ssh/session';

export interface Listener {
  service: string;
  command: string;
  host: string;
  port: number;
}

export interface ProbeResult extends Listener {
  ok: boolean;
  /** The banner's first line, or why there was none. */
  detail: string;
  ms: number;
}

const PORT_NAMES: Record<string, number> = {
  smtp: 25,
  submission: 587,
  submissions: 465,
  smtps: 465,
};

/** The SMTP listeners in master.cf (smtpd and postscreen over TCP), as the server reaches them. */
export function smtpListeners(entries: readonly MasterEntry[], inetInterfaces: string): Listener[] {
  const out: Listener[] = [];
  for (const e of entries) {
    if (e.type !== 'inet' || !['smtpd', 'postscreen'].includes(e.command)) continue;
    // A TLS-wrapped port greets only after the TLS handshake: not something a banner probe reads.
    if (e.overrides.smtpd_tls_wrappermode === 'yes') continue;
    const at = e.service.lastIndexOf(':');
    const hostPart = at > 0 ? e.service.slice(0, at).replace(/^\[|\]$/g, '') : undefined;
    const portPart = at > 0 ? e.service.slice(at + 1) : e.service;
    const port = /^\d+$/.test(portPart) ? Number(portPart) : PORT_NAMES[portPart];
    if (port === undefined) continue;
    const first = inetInterfaces.split(/[\s,]+/).find(Boolean) ?? 'all';
    const host =
      hostPart ??
      (first === 'all' || first === 'loopback-only' || first === 'localhost' ? '127.0.0.1' : first);
    out.push({ service: e.service, command: e.command, host, port });
  }
  return out;
}

export function probeBanner(
  session: SshSession,
  l: Listener,
  timeoutMs = 10_000,
): Promise<ProbeResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    let done = false;
    const finish = (ok: boolean, detail: string, close?: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      close?.();
      resolve({ ...l, ok, detail, ms: Date.now() - started });
    };
    const timer = setTimeout(
      () => finish(false, `no banner within ${Math.round(timeoutMs / 1000)} s`),
      timeoutMs,
    );
    session.client.forwardOut('127.0.0.1', 0, l.host, l.port, (err, stream) => {
      if (err) return finish(false, `could not connect through SSH: ${err.message}`);
      let text = '';
      stream.on('data', (d: Buffer) => {
        text += d.toString('latin1');
        const nl = text.indexOf('\n');
        if (nl < 0) return;
        const line = text.slice(0, nl).replace(/\r$/, '');
        if (/^220 /.test(line) && l.command === 'smtpd') {
          stream.write('QUIT\r\n');
          // Wait briefly for 221 so smtpd logs a clean disconnect; the banner already counts.
          setTimeout(() => finish(true, line, () => stream.close()), 200);
        } else if (/^220[ -]/.test(line)) finish(true, line, () => stream.close());
        else finish(false, `unexpected greeting: ${line.slice(0, 200)}`, () => stream.close());
      });
      stream.on('close', () =>
        finish(false, text ? `closed after: ${text.slice(0, 200)}` : 'closed without a banner'),
      );
      stream.on('error', (e: Error) => finish(false, e.message));
    });
  });
}
