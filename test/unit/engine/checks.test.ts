// The checks and their order over given facts (the facts are inputs: no DNS needed here;
// test/integration/engine.test.ts gathers them from the lab's real DNS).

import { describe, expect, it } from 'vitest';
import type { CheckContext } from '../../../core/checks/check';
import { classifyHelo } from '../../../core/checks/helo';
import type { Facts, ListHit } from '../../../core/engine/facts';
import { checkPipeline } from '../../../core/engine/stages';
import { FLEET_PROFILE, type ServerProfile } from '../../../core/engine/types';
import { MemoryGreylistStore } from '../../../core/greylist/state';
import { parseIp } from '../../../core/net/ip';
import type { DnsList, Policy } from '../../../core/policy/schema';
import { TEMPLATES } from '../../../core/policy/templates';

const list = (zone: string, weight: number, filter?: string): DnsList => ({
  zone,
  weight,
  ...(filter ? { filter } : {}),
  ipv6: false,
  enabled: true,
  dryRun: false,
});

function hit(l: DnsList, answers: string[], matched = answers.length > 0): ListHit {
  return {
    list: l,
    answer: { zone: l.zone, status: answers.length ? 'listed' : 'not-listed', answers, ms: 3 },
    matched,
  };
}

function context(
  over: {
    policy?: Policy;
    lists?: ListHit[];
    verified?: string;
    ptr?: string[];
    helo?: string;
    profile?: ServerProfile;
    sender?: string;
    recipient?: string;
    pregreet?: boolean;
    spf?: Facts['spf'];
  } = {},
): CheckContext {
  const ip = parseIp('192.0.2.10')!;
  return {
    address: ip.address,
    helo: over.helo ?? 'mail.example.org',
    sender: over.sender ?? 'alice@example.org',
    recipient: over.recipient ?? 'bob@example.net',
    pregreet: over.pregreet ?? false,
    policy: over.policy ?? TEMPLATES.balanced(),
    facts: {
      ip,
      rdns: {
        status: over.ptr?.length || over.verified ? 'found' : 'none',
        names: over.ptr ?? (over.verified ? [over.verified] : []),
        ...(over.verified ? { verifiedName: over.verified } : {}),
        ms: 1,
      },
      lists: over.lists ?? [],
      ...(over.spf ? { spf: over.spf } : {}),
    },
    profile: over.profile ?? FLEET_PROFILE,
    now: Date.UTC(2026, 10, 23),
    greylist: { store: new MemoryGreylistStore(), peek: false },
    skip: new Set(),
    forceGreylist: false,
    extraScore: [],
  };
}

/** Runs the pipeline as evaluate() does: the first deciding result wins. */
function decide(ctx: CheckContext) {
  for (const step of checkPipeline(ctx)) {
    for (const r of step()) if (r.reply || r.trace.outcome === 'accept') return r;
  }
  return undefined;
}

// As Postfix 3.7's reject_invalid_helo_hostname / reject_non_fqdn_helo_hostname judge them (the
// conformance suite measures it): a bare address is valid but not fully qualified, "_" is allowed.
describe('HELO classification (as Postfix judges it)', () => {
  const table: [string, ReturnType<typeof classifyHelo>][] = [
    ['mail.example.org', 'fqdn'],
    ['mail.example.org.', 'fqdn'],
    ['[192.0.2.1]', 'address-literal'],
    ['[IPv6:2001:db8::1]', 'address-literal'],
    ['[300.1.1.1]', 'invalid'],
    ['localhost', 'non-fqdn'],
    ['WIN-7F2K', 'non-fqdn'],
    ['192.0.2.1', 'non-fqdn'],
    ['2001:db8::1', 'non-fqdn'],
    ['[2001:db8::1]', 'invalid'],
    ['1.2.3', 'invalid'],
    ['host..', 'invalid'],
    ['mail..example.org', 'invalid'],
    ['-bad.example', 'invalid'],
    ['under_score.example', 'fqdn'],
    ['spaces in.example', 'invalid'],
    ['', 'invalid'],
  ];
  for (const [helo, cls] of table)
    it(`${JSON.stringify(helo)} is ${cls}`, () => expect(classifyHelo(helo)).toBe(cls));
});

describe('check order and verdicts', () => {
  const policy = () => {
    const p = TEMPLATES.balanced();
    p.dnsbl.lists = [
      list('zen.example', 3, '127.0.0.[2..11]'),
      list('bl.example', 2),
      list('wl.example', -4, '127.0.10.[1..3]'),
    ];
    p.dnsbl.threshold = 3;
    return p;
  };

  it('postscreen rejects at the threshold, naming the list with the largest weight', () => {
    const p = policy();
    const r = decide(
      context({
        policy: p,
        lists: [hit(p.dnsbl.lists[0]!, ['127.0.0.2']), hit(p.dnsbl.lists[1]!, ['127.0.0.2'])],
      }),
    );
    expect(r?.trace).toMatchObject({
      stage: 'postscreen',
      outcome: 'reject',
      rule: 'dnsbl:zen.example',
      detail: expect.stringContaining('score 5 ≥ threshold 3'),
    });
    expect(r?.reply).toEqual({
      code: 550,
      enhanced: '5.7.1',
      text: 'Service unavailable; client [192.0.2.10] blocked using zen.example',
    });
  });

  it('a DNSWL pulls the score below the threshold; weights just below pass', () => {
    const p = policy();
    const r = decide(
      context({
        policy: p,
        lists: [hit(p.dnsbl.lists[0]!, ['127.0.0.2']), hit(p.dnsbl.lists[2]!, ['127.0.10.2'])],
        verified: 'mail.example.org',
      }),
    );
    expect(r?.trace.outcome).toBe('greylist'); // not rejected: 3 − 4 < 3; greylisting still applies
    const below = decide(
      context({
        policy: p,
        lists: [hit(p.dnsbl.lists[1]!, ['127.0.0.2'])],
        verified: 'mail.example.org',
      }),
    );
    expect(below?.trace.rule).toBe('greylist');
  });

  it('an answer outside the return-code filter does not count', () => {
    const p = policy();
    const r = decide(
      context({
        policy: p,
        lists: [hit(p.dnsbl.lists[0]!, ['127.0.0.12'], false)],
        verified: 'mail.example.org',
      }),
    );
    expect(r?.trace.rule).toBe('greylist');
  });

  it('without postscreen, any listed entry rejects on its own (and the trace says weights do not apply)', () => {
    const p = policy();
    const r = decide(
      context({
        policy: p,
        lists: [hit(p.dnsbl.lists[1]!, ['127.0.0.2'])],
        profile: { name: 'mx3', postscreen: false, policyService: 'none' },
        verified: 'mail.example.org',
      }),
    );
    expect(r?.trace).toMatchObject({
      stage: 'smtpd',
      outcome: 'reject',
      rule: 'dnsbl:bl.example',
      detail: expect.stringContaining('weights and the threshold do not apply'),
    });
    expect(r?.reply?.code).toBe(554);
  });

  it('the client denylist beats everything; the allowlist (scope all) accepts before any check', () => {
    const p = policy();
    p.clients.deny = [{ value: '192.0.2.0/24', source: 'manual' }];
    expect(decide(context({ policy: p }))?.trace).toMatchObject({
      stage: 'postscreen',
      outcome: 'reject',
      rule: 'client.deny',
    });
    const q = policy();
    q.clients.allow = [{ value: 'example.org', source: 'manual' }];
    const r = decide(
      context({
        policy: q,
        verified: 'mail.example.org',
        lists: [hit(q.dnsbl.lists[0]!, ['127.0.0.2'])],
      }),
    );
    // A host name is unknown to postscreen, so the DNSBL rejects there first — as Postfix would.
    expect(r?.trace).toMatchObject({ stage: 'postscreen', outcome: 'reject' });
    const byIp = policy();
    byIp.clients.allow = [{ value: '192.0.2.10', source: 'manual' }];
    expect(
      decide(context({ policy: byIp, lists: [hit(byIp.dnsbl.lists[0]!, ['127.0.0.2'])] }))?.trace,
    ).toMatchObject({ stage: 'smtpd', outcome: 'accept', rule: 'client.allow' });
  });

  it('an allowlist scoped to greylisting skips only greylisting; an expired entry no longer applies', () => {
    const p = policy();
    p.clients.allow = [{ value: '192.0.2.10', scope: 'greylisting', source: 'manual' }];
    expect(decide(context({ policy: p, verified: 'mail.example.org' }))).toBeUndefined(); // accepted: nothing objected
    p.clients.allow = [{ value: '192.0.2.10', source: 'manual', expires: '2026-01-31' }];
    expect(decide(context({ policy: p, verified: 'mail.example.org' }))?.trace.rule).toBe(
      'greylist',
    );
  });

  it('HELO, rDNS and dry-run rules act in smtpd order', () => {
    const p = policy();
    p.helo.nonFqdn = { action: 'reject', dryRun: false };
    expect(decide(context({ policy: p, helo: 'localhost' }))?.reply).toEqual({
      code: 504,
      enhanced: '5.5.2',
      text: '<localhost>: Helo command rejected: need fully-qualified hostname',
    });
    p.helo.nonFqdn = { action: 'reject', dryRun: true };
    p.rdns = { require: 'fcrdns', action: { action: 'reject', dryRun: false } };
    const r = decide(context({ policy: p, helo: 'localhost', ptr: ['dyn-10.isp.example'] }));
    expect(r?.trace).toMatchObject({ rule: 'rdns.unconfirmed', outcome: 'reject' });
    expect(r?.reply?.text).toBe('Client host rejected: cannot find your hostname, [192.0.2.10]');
  });

  it('says what a server cannot enforce instead of dropping it', () => {
    const p = policy();
    p.spf.fail = { action: 'reject', dryRun: false };
    const ctx = context({
      policy: p,
      verified: 'mail.example.org',
      spf: { result: 'fail', domain: 'example.org', detail: 'fail', ms: 2 },
    });
    const traces = checkPipeline(ctx).flatMap((s) => s().map((x) => x.trace));
    expect(traces.find((x) => x.check === 'SPF')).toMatchObject({
      status: 'not-enforced',
      detail: expect.stringContaining("needs mxwarden's policy service"),
    });
    const mx = context({
      policy: p,
      verified: 'mail.example.org',
      spf: { result: 'fail', domain: 'example.org', detail: 'fail', ms: 2 },
      profile: { name: 'mxwarden', postscreen: true, policyService: 'mxwarden' },
    });
    expect(decide(mx)?.trace).toMatchObject({ rule: 'spf.fail', outcome: 'reject' });
  });

  it('exempt recipients are accepted at smtpd, after postscreen', () => {
    const p = policy();
    expect(
      decide(context({ policy: p, recipient: 'postmaster@example.net' }))?.trace,
    ).toMatchObject({ outcome: 'accept', rule: 'recipient.exempt' });
    const listed = decide(
      context({
        policy: p,
        recipient: 'postmaster@example.net',
        lists: [hit(p.dnsbl.lists[0]!, ['127.0.0.2'])],
      }),
    );
    expect(listed?.trace.stage).toBe('postscreen');
  });
});
