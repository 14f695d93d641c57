// Where a postscreen line becomes an event: CONNECT, PASS NEW / PASS OLD, the access list's
// ALLOWLISTED / DENYLISTED / ALLOWLIST VETO (WHITELISTED / BLACKLISTED / WHITELIST VETO before
// Postfix 3.6), the pregreet test, the DNSBL rank, the deep protocol tests (pipelining,
// non-SMTP command, bare newline), its command limits, HANGUP, its own NOQUEUE replies and
// DISCONNECT. postscreen writes clients as `[address]:port`. Runtime: pure.

import { event } from '../build';
import type { LineHeader, LogEvent } from '../events';
import { addressOf, portOf } from '../fields';
import { parseVerdict } from './verdict';

const PEER = String.raw`\[([^\]\s]*)\]:(\d{1,5})`;

const CONNECT = new RegExp(String.raw`^CONNECT from ${PEER} to ${PEER}$`);
const PASS = new RegExp(String.raw`^PASS (NEW|OLD) ${PEER}$`);
const ACCESS = new RegExp(
  String.raw`^(ALLOWLISTED|DENYLISTED|WHITELISTED|BLACKLISTED|ALLOWLIST VETO|WHITELIST VETO) ${PEER}$`,
);
const PREGREET = new RegExp(
  String.raw`^PREGREET (\d+) after (\d+(?:\.\d+)?) from ${PEER}: (.*)$`,
  's',
);
const RANK = new RegExp(String.raw`^DNSBL rank (-?\d+) for ${PEER}$`);
const HANGUP = new RegExp(String.raw`^HANGUP after (\d+(?:\.\d+)?) from ${PEER} in (.*)$`);
const PROTOCOL = new RegExp(
  String.raw`^(COMMAND PIPELINING|NON-SMTP COMMAND|BARE NEWLINE) from ${PEER} after (\S+?)(?:: (.*))?$`,
  's',
);
const LIMIT = new RegExp(String.raw`^COMMAND (TIME|COUNT|LENGTH) LIMIT from ${PEER} after (\S+)$`);
const DISCONNECT = new RegExp(String.raw`^DISCONNECT ${PEER}$`);

const ACCESS_KIND = {
  ALLOWLISTED: 'postscreen.allowlisted',
  WHITELISTED: 'postscreen.allowlisted',
  DENYLISTED: 'postscreen.denylisted',
  BLACKLISTED: 'postscreen.denylisted',
  'ALLOWLIST VETO': 'postscreen.allowlist_veto',
  'WHITELIST VETO': 'postscreen.allowlist_veto',
} as const;

const TEST = {
  'COMMAND PIPELINING': 'pipelining',
  'NON-SMTP COMMAND': 'non-smtp-command',
  'BARE NEWLINE': 'bare-newline',
} as const;

const LIMITS = { TIME: 'time', COUNT: 'count', LENGTH: 'length' } as const;

function access(h: LineHeader, m: RegExpExecArray): LogEvent {
  const word = m[1] as keyof typeof ACCESS_KIND;
  const kind = ACCESS_KIND[word];
  return event(h, {
    kind,
    clientAddress: addressOf(m[2]),
    clientPort: portOf(m[3]),
    legacyWording: word.startsWith('WHITE') || word === 'BLACKLISTED',
    // mxwarden compiles its client denylist into postscreen's access list.
    ruleId: kind === 'postscreen.denylisted' ? 'client.deny' : undefined,
  });
}

function protocol(h: LineHeader, m: RegExpExecArray): LogEvent {
  return event(h, {
    kind: 'postscreen.protocol',
    test: TEST[m[1] as keyof typeof TEST],
    clientAddress: addressOf(m[2]),
    clientPort: portOf(m[3]),
    after: m[4] as string,
    input: m[5],
    ruleId: 'postscreen.protocol',
  });
}

export function parsePostscreen(body: string, h: LineHeader): LogEvent | undefined {
  let m: RegExpExecArray | null;
  switch (body.charCodeAt(0)) {
    case 67 /* C */:
      if ((m = CONNECT.exec(body))) {
        return event(h, {
          kind: 'postscreen.connect',
          clientAddress: addressOf(m[1]),
          clientPort: portOf(m[2]),
          serverAddress: m[3] as string,
          serverPort: Number(m[4]),
        });
      }
      if ((m = PROTOCOL.exec(body))) return protocol(h, m);
      if ((m = LIMIT.exec(body))) {
        return event(h, {
          kind: 'postscreen.limit',
          limit: LIMITS[m[1] as keyof typeof LIMITS],
          clientAddress: addressOf(m[2]),
          clientPort: portOf(m[3]),
          after: m[4] as string,
        });
      }
      return undefined;
    case 80 /* P */:
      if ((m = PASS.exec(body))) {
        return event(h, {
          kind: 'postscreen.pass',
          verdict: m[1] === 'NEW' ? 'new' : 'old',
          clientAddress: addressOf(m[2]),
          clientPort: portOf(m[3]),
        });
      }
      if ((m = PREGREET.exec(body))) {
        return event(h, {
          kind: 'postscreen.pregreet',
          bytes: Number(m[1]),
          afterSeconds: Number(m[2]),
          clientAddress: addressOf(m[3]),
          clientPort: portOf(m[4]),
          input: m[5] as string,
          ruleId: 'postscreen.pregreet',
        });
      }
      return undefined;
    case 65 /* A */:
    case 66 /* B */:
    case 87 /* W */:
      if ((m = ACCESS.exec(body))) return access(h, m);
      if ((m = PROTOCOL.exec(body))) return protocol(h, m);
      return undefined;
    case 68 /* D */:
      if ((m = ACCESS.exec(body))) return access(h, m);
      if ((m = RANK.exec(body))) {
        return event(h, {
          kind: 'postscreen.dnsbl_rank',
          rank: Number(m[1]),
          clientAddress: addressOf(m[2]),
          clientPort: portOf(m[3]),
        });
      }
      if ((m = DISCONNECT.exec(body))) {
        return event(h, {
          kind: 'postscreen.disconnect',
          clientAddress: addressOf(m[1]),
          clientPort: portOf(m[2]),
        });
      }
      return undefined;
    case 72 /* H */:
      if ((m = HANGUP.exec(body))) {
        return event(h, {
          kind: 'postscreen.hangup',
          afterSeconds: Number(m[1]),
          clientAddress: addressOf(m[2]),
          clientPort: portOf(m[3]),
          stage: m[4] as string,
        });
      }
      return undefined;
    case 78 /* N */:
      if ((m = PROTOCOL.exec(body))) return protocol(h, m);
      return parseVerdict(body, h, 'postscreen');
    default:
      return undefined;
  }
}
