// The form's text fields and the request they make. The null sender is typed as <> (as in
// an SMTP transcript); an empty field means "not given". Pure.

import type { CheckInput } from './check-run';

export interface CheckFormValues {
  target: string;
  helo: string;
  sender: string;
  recipient: string;
  /** '' = the fleet policy as postscreen + postgrey; else a server id. */
  serverId: string;
}

export function toInput(v: CheckFormValues): CheckInput {
  const sender = v.sender.trim();
  return {
    target: v.target.trim(),
    ...(v.helo.trim() ? { helo: v.helo.trim() } : {}),
    ...(sender ? { sender: sender === '<>' ? '' : sender.replace(/^<(.*)>$/, '$1') } : {}),
    ...(v.recipient.trim() ? { recipient: v.recipient.trim().replace(/^<(.*)>$/, '$1') } : {}),
    ...(v.serverId ? { serverId: Number(v.serverId) } : {}),
  };
}

export function toValues(input: CheckInput): CheckFormValues {
  return {
    target: input.target,
    helo: input.helo ?? '',
    sender: input.sender === undefined ? '' : input.sender === '' ? '<>' : input.sender,
    recipient: input.recipient ?? '',
    serverId: input.serverId === undefined ? '' : String(input.serverId),
  };
}

/**
 * What can be said before asking the engine. Only the unambiguous: digits and dots can never be
 * a host name (no top-level domain is numeric), so "1.2.3" or "300.1.2.3" is a mistyped IPv4
 * address, not a name to look up. Everything else is the engine's to judge.
 */
export function targetProblem(target: string): string | undefined {
  const t = target.trim();
  if (!t) return 'Enter an IP address or a host name.';
  if (/^[\d.]+$/.test(t)) {
    const octets = t.split('.');
    const ok =
      octets.length === 4 &&
      octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255 && !/^0\d/.test(o));
    if (!ok) return `${t} is not an IPv4 address: it needs four numbers from 0 to 255.`;
  }
  return undefined;
}

/** The check in the address (#/check?target=…&from=…), so it can be linked and reloaded. */
export function inputToParams(input: CheckInput): Record<string, string> {
  return {
    target: input.target,
    ...(input.helo ? { helo: input.helo } : {}),
    ...(input.sender !== undefined ? { from: input.sender || '<>' } : {}),
    ...(input.recipient ? { to: input.recipient } : {}),
    ...(input.serverId !== undefined ? { server: String(input.serverId) } : {}),
  };
}

export function paramsToValues(params: URLSearchParams): CheckFormValues {
  return {
    target: params.get('target') ?? '',
    helo: params.get('helo') ?? '',
    sender: params.get('from') ?? '',
    recipient: params.get('to') ?? '',
    serverId: /^\d+$/.test(params.get('server') ?? '') ? (params.get('server') as string) : '',
  };
}
