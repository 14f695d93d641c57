// Scripted SMTP traffic against the lab, with what each session must have been counted as: the
// statistics' seed key per server. Each session checks the server answered as designed (a
// listed client refused with the list's name, a greylisted one deferred, …), so the expected
// counts are what really happened, not what was hoped. Fresh pool addresses and unique senders
// keep postscreen's and postgrey's memories of earlier runs out of it.

import { randomUUID } from 'node:crypto';
import { poolAddress, smtpSession, type Lab, type SmtpResult } from '../lab/index';

export type Counts = Record<string, Record<string, number>>;

export type TrafficKind =
  'clean' | 'listed' | 'no-ptr' | 'pregreet' | 'greylist-retry' | 'greylist-never';

export interface TrafficCase {
  kind: TrafficKind;
  server: string;
}

const MESSAGE = 'Subject: mxwarden statistics test\n\nHello.\n';

function bump(c: Counts, server: string, key: string, n = 1): void {
  const s = (c[server] ??= {});
  s[key] = (s[key] ?? 0) + n;
}

function expectOutcome(r: SmtpResult, outcome: SmtpResult['outcome'], text: RegExp, what: string) {
  const reply = r.decisive?.reply?.text ?? '';
  if (r.outcome !== outcome || (outcome !== 'accepted' && !text.test(reply)))
    throw new Error(
      `${what}: expected ${outcome} (${text}), got ${r.outcome}: ${reply}\n${r.transcript.join('\n')}`,
    );
}

const sender = (tag: string) => `${tag}-${randomUUID().slice(0, 8)}@shop.example`;

/** Runs one case; adds what it must count as to `expected`. */
export async function runCase(lab: Lab, c: TrafficCase, expected: Counts): Promise<void> {
  const s = lab.server(c.server);
  const postscreen = s.postscreenPort ?? s.smtpdPort;
  switch (c.kind) {
    case 'clean': {
      // A server without greylisting accepts an unlisted client at once.
      const r = await smtpSession({
        port: s.smtpdPort,
        source: poolAddress('clean'),
        helo: 'clean.example',
        mailFrom: sender('clean'),
        rcptTo: ['alice@lab.example'],
        data: MESSAGE,
      });
      expectOutcome(r, 'accepted', /./, `clean on ${c.server}`);
      bump(expected, c.server, 'accepted');
      return;
    }
    case 'listed': {
      const r = await smtpSession({
        port: postscreen,
        source: poolAddress('listed'),
        helo: 'listed.example',
        mailFrom: sender('listed'),
        rcptTo: ['alice@lab.example'],
      });
      expectOutcome(r, 'rejected', /blocked using zen\.lab\.example/, `listed on ${c.server}`);
      bump(expected, c.server, 'dnsbl:zen.lab.example');
      return;
    }
    case 'no-ptr': {
      const r = await smtpSession({
        port: postscreen,
        source: poolAddress('clean'),
        helo: 'noptr.example',
        mailFrom: sender('noptr'),
        rcptTo: ['alice@lab.example'],
      });
      expectOutcome(r, 'deferred', /cannot find your reverse hostname/, `no PTR on ${c.server}`);
      bump(expected, c.server, 'rdns.missing');
      return;
    }
    case 'pregreet': {
      const r = await smtpSession({
        port: postscreen,
        source: poolAddress('clean'),
        pregreet: true,
        helo: 'early.example',
        mailFrom: sender('early'),
        rcptTo: ['alice@lab.example'],
      });
      expectOutcome(r, 'rejected', /Protocol error/, `pregreet on ${c.server}`);
      bump(expected, c.server, 'postscreen.pregreet');
      return;
    }
    case 'greylist-never':
    case 'greylist-retry': {
      const source = poolAddress('clean');
      const from = sender('grey');
      const attempt = () =>
        smtpSession({
          port: postscreen,
          source,
          helo: 'grey.example',
          mailFrom: from,
          rcptTo: ['bob@lab.example'],
          data: MESSAGE,
        });
      const first = await attempt();
      expectOutcome(first, 'deferred', /Greylisted/, `greylisting on ${c.server}`);
      if (c.kind === 'greylist-never') {
        bump(expected, c.server, 'greylist.never-passed');
        return;
      }
      // Wait out the lab's greylisting delay (5 s), then come back like a real MTA.
      await new Promise((r) => setTimeout(r, (lab.options.greylistDelay + 1.5) * 1000));
      const retry = await attempt();
      expectOutcome(retry, 'accepted', /./, `greylisting retry on ${c.server}`);
      bump(expected, c.server, 'greylist.passed');
      bump(expected, c.server, 'accepted');
      return;
    }
  }
}

/** Runs the cases a few at a time (postscreen makes each new client wait its greet time). */
export async function runTraffic(
  lab: Lab,
  cases: readonly TrafficCase[],
  concurrency = 6,
): Promise<Counts> {
  const expected: Counts = {};
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const c = cases[next++] as TrafficCase;
      await runCase(lab, c, expected);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, cases.length) }, worker));
  return expected;
}

/** The mix: clean, listed, no PTR, pregreet, greylisted then retried, never retried. */
export function trafficMix(n = 2): TrafficCase[] {
  const cases: TrafficCase[] = [];
  for (let i = 0; i < n; i++) {
    cases.push(
      { kind: 'greylist-retry', server: 'mx1' },
      { kind: 'clean', server: 'mx3' },
      { kind: 'listed', server: 'mx1' },
      { kind: 'listed', server: 'mx3' },
      { kind: 'no-ptr', server: 'mx2' },
      { kind: 'pregreet', server: 'mx1' },
      { kind: 'greylist-never', server: 'mx1' },
    );
  }
  return cases;
}

/** b − a, per server and key, leaving out zeros. */
export function delta(a: Counts, b: Counts): Counts {
  const out: Counts = {};
  for (const server of new Set([...Object.keys(a), ...Object.keys(b)])) {
    for (const key of new Set([...Object.keys(a[server] ?? {}), ...Object.keys(b[server] ?? {})])) {
      const d = (b[server]?.[key] ?? 0) - (a[server]?.[key] ?? 0);
      if (d !== 0) (out[server] ??= {})[key] = d;
    }
  }
  return out;
}

export function addCounts(a: Counts, b: Counts): Counts {
  const out: Counts = structuredClone(a);
  for (const [server, keys] of Object.entries(b))
    for (const [key, n] of Object.entries(keys)) bump(out, server, key, n);
  return out;
}
