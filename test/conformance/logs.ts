// The servers' logs as evidence: the lines one client produced during one case (Postfix's smtpd,
// postscreen and dnsblog lines, postgrey's decisions), the dry-run warnings among them, and a wait
// for the end of the session to be logged (postlogd writes asynchronously). Runtime: Node.

import fs from 'node:fs';
import type { RuleId } from '../../core/policy/rules';

export class LogFile {
  constructor(readonly file: string) {}

  size(): number {
    try {
      return fs.statSync(this.file).size;
    } catch {
      return 0;
    }
  }

  since(offset: number): string {
    let fd: number | undefined;
    try {
      fd = fs.openSync(this.file, 'r');
      const length = Math.max(0, fs.fstatSync(fd).size - offset);
      const buffer = Buffer.alloc(length);
      fs.readSync(fd, buffer, 0, length, offset);
      return buffer.toString('utf8');
    } catch {
      return '';
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
  }
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Lines about this client: `[addr]` (smtpd, postscreen), `addr <addr> ` (dnsblog), postgrey's. */
export function linesAbout(text: string, address: string): string[] {
  const a = escape(address);
  const re = new RegExp(`\\[${a}\\]|addr ${a} |client_address=${a}(,|$)`);
  return text.split('\n').filter((l) => re.test(l));
}

/** Postfix logs `disconnect from name[addr]` (smtpd) or `DISCONNECT [addr]:port` (postscreen). */
export async function waitForDisconnect(
  log: LogFile,
  offset: number,
  address: string,
  timeoutMs = 3000,
): Promise<void> {
  const re = new RegExp(`disconnect from \\S*\\[${escape(address)}\\]`, 'i');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (re.test(log.since(offset))) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The rule a Postfix reply names, by its wording (the engine's replies.ts says the same). */
export function ruleOfReply(text: string): RuleId | `unknown: ${string}` {
  const rbl = /blocked using ([^\s;]+)/.exec(text);
  if (rbl?.[1]) return `dnsbl:${rbl[1].toLowerCase()}`;
  if (/Helo command rejected: need fully-qualified hostname/.test(text)) return 'helo.non-fqdn';
  if (/Helo command rejected: (Invalid name|invalid ip address)/i.test(text)) return 'helo.invalid';
  if (/Helo command rejected: You are not us/.test(text)) return 'helo.claims-us';
  if (/cannot find your reverse hostname/.test(text)) return 'rdns.missing';
  if (/cannot find your hostname/.test(text)) return 'rdns.unconfirmed';
  if (/Client host rejected: Access denied/.test(text)) return 'client.deny';
  if (/Sender address rejected: Access denied/.test(text)) return 'sender.deny';
  if (/Greylisted/.test(text)) return 'greylist';
  return `unknown: ${text}`;
}

/** Dry-run rules Postfix logged for this client: `reject_warning: RCPT from name[addr]: <reply>`. */
export function warningsIn(lines: string[]): string[] {
  const out: string[] = [];
  for (const l of lines) {
    const m = /reject_warning: \S+ from \S+: (.*?)(; from=<|$)/.exec(l);
    if (m?.[1]) out.push(ruleOfReply(m[1]));
  }
  return [...new Set(out)].sort();
}
