// The review queue's user story against the lab's real Postfix (mx3: its smtpd applies the DNS
// lists itself, so the rejection names the sender): a legitimate sender (forward-confirmed rDNS,
// SPF pass) on an address zen lists is rejected → an alert and the top of the queue with that
// evidence → one whitelist of its domain "only when SPF passes" → push → the same sender retries
// and is accepted → the dashboard counts one confirmed false positive for the zen rule; a
// spammer on the same address and a forger of the domain from a listed network are still
// rejected. Then undo, pushed: the sender is rejected again. The dashboard's figures go to
// test-results/review-story.json.

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it, type TestContext } from 'vitest';
import type { ReviewAlert, ReviewItem } from '../../core/app/api';
import {
  clientByName,
  getTestLab,
  labPolicy,
  poolAddress,
  smtpSession,
  type Lab,
} from '../lab/index';
import { skipWithReason } from '../support/skip';
import { ACTOR, settled, tailingCore, type TailingCore } from '../support/stats-core';
import { tempDir } from '../support/temp';

const unavailable = inject('labUnavailable');
let lab: Lab;
let core: TailingCore;
const alerts: ReviewAlert[] = [];
const RULE = 'dnsbl:zen.lab.example';

async function call<T>(
  p: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>,
): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

beforeAll(async () => {
  if (unavailable) return;
  lab = await getTestLab();
  core = await tailingCore(lab, tempDir(), ['mx3']);
  core.service.events.subscribe('review.alert', (a) => alerts.push(a));
}, 180_000);

afterAll(async () => {
  await core?.close();
});

function needLab(ctx: TestContext): Lab {
  if (unavailable) skipWithReason(ctx, `the mail lab is unavailable: ${unavailable}`);
  return lab;
}

async function waitFor<T>(what: string, f: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('review queue: the whole user story on the lab', () => {
  it('finds the wanted sender, whitelists it precisely, pushes, and counts one confirmed false positive', async (ctx) => {
    const lab = needLab(ctx);
    const s = core.service;
    const mx3 = lab.server('mx3');
    const mx3Id = core.serverIds.mx3 as number;
    const shared = clientByName('shared');
    // Set after the first push: earlier runs' lines in mx3's log stay out of the figures.
    let from = Date.now();
    const range = () => ({ from, to: Date.now() + 60_000 });
    const send = (source: string, mailFrom: string, helo: string) =>
      smtpSession({
        port: mx3.smtpdPort,
        source,
        helo,
        mailFrom,
        rcptTo: ['alice@lab.example'],
        data: 'Subject: review story\r\n\r\nhello\r\n',
      });

    // mx3 filters as the lab policy says: zen.lab.example rejects on its own (no postscreen).
    // mx3 runs no postgrey: the policy does not greylist there.
    const policy = labPolicy();
    policy.greylisting.enabled = false;
    await call(s.call('policy.save', { policy, message: 'lab policy, no greylisting' }, ACTOR));
    // Whatever another suite left on the shared lab server is overwritten (drift included).
    const first = await call(
      s.call('push.run', { serverIds: [mx3Id], overwriteDrift: [mx3Id] }, ACTOR),
    );
    expect(first.outcome, JSON.stringify(first.servers)).toBe('succeeded');
    await settled(core);
    // Log times have whole seconds.
    from = Date.now() - 1000;

    // 1. The real Postfix rejects the legitimate sender.
    const rejected = await send(shared.address, shared.mailFrom as string, shared.helo as string);
    expect(rejected.outcome).toBe('rejected');
    expect(rejected.decisive?.reply?.text).toMatch(/zen\.lab\.example/);

    // 2. Strong evidence: an alert while it happens, and the top of the queue.
    const alert = await waitFor('the review alert', async () =>
      alerts.find((a) => a.senderDomain === 'shared.example'),
    );
    expect(alert.reasons.join(' ')).toMatch(/Forward-confirmed/);
    const queue = await waitFor('the sender in the queue', async () => {
      const q = await call(s.call('review.queue', range(), ACTOR));
      return q.items[0]?.key === 'domain:shared.example' ? q : undefined;
    });
    const top = queue.items[0] as ReviewItem;
    expect(top).toMatchObject({
      label: 'shared.example',
      likely: true,
      evidence: { fcrdns: 'mail.shared.example', spfPass: 'shared.example' },
      servers: [{ id: mx3Id, name: 'mx3' }],
    });
    expect(top.rules.map((r) => r.rule)).toEqual([RULE]);
    const detail = await call(s.call('review.item', { key: top.key, ...range() }, ACTOR));
    expect(detail.samples[0]?.line).toMatch(
      /NOQUEUE: reject: RCPT from mail\.shared\.example\[127\.10\.0\.20\]/,
    );
    expect(detail.check?.stillRefused).toBe(true);
    const precision = detail.precisions.find((p) => p.precision === 'sender-domain');
    expect(precision?.value).toBe('shared.example');

    // 3. One whitelist: the domain, only when SPF passes, for all checks.
    const change = await call(
      s.call(
        'review.whitelist',
        {
          items: [
            {
              key: top.key,
              label: top.label,
              precision: 'sender-domain',
              value: 'shared.example',
              pairs: top.pairs,
            },
          ],
          scope: 'all',
          note: 'billing mail, listed by a shared-address listing',
        },
        ACTOR,
      ),
    );
    expect(change.pushServerIds).toEqual([mx3Id]);
    const audit = await call(s.call('audit.list', { action: 'review.whitelist' }, ACTOR));
    expect(audit.entries[0]?.target).toBe(`policy v${change.versionId}`);
    const after = await call(s.call('review.item', { key: top.key, ...range() }, ACTOR));
    expect(after.check?.stillRefused, after.check?.verdict.summary).toBe(false);
    expect(after.item.decision?.kind).toBe('whitelist');

    // 4. Push to the server that rejected it; the same sender retries and is accepted.
    const pushed = await call(s.call('push.run', { serverIds: change.pushServerIds }, ACTOR));
    expect(pushed.outcome, JSON.stringify(pushed.servers)).toBe('succeeded');
    const retry = await send(shared.address, shared.mailFrom as string, shared.helo as string);
    expect(retry.outcome).toBe('accepted');

    // 5. Spam from the same address (another domain) and a forger of the domain stay out.
    const spammer = await send(shared.address, 'deals@spam.example', shared.helo as string);
    expect(spammer.outcome).toBe('rejected');
    const forger = await send(
      poolAddress('listed'),
      'billing@shared.example',
      'mail.shared.example',
    );
    expect(forger.outcome).toBe('rejected');

    // 6. The dashboard: one confirmed false positive for the zen rule.
    await settled(core);
    const dash = await waitFor('the confirmed false positive', async () => {
      const d = await call(s.call('stats.dashboard', range(), ACTOR));
      const fp = d.falsePositives.byRule.find((r) => r.rule === RULE);
      return fp && fp.rejections >= 3 && fp.pending === 0 ? { d, fp } : undefined;
    });
    expect(dash.fp.confirmed).toBe(1);
    expect(dash.fp.rejections).toBe(3);
    const accepted = dash.d.seed.rows.find((r) => r.key === 'accepted')?.count ?? 0;
    expect(accepted).toBeGreaterThanOrEqual(1);

    fs.mkdirSync('test-results', { recursive: true });
    fs.writeFileSync(
      path.join('test-results', 'review-story.json'),
      `${JSON.stringify(
        {
          server: 'mx3',
          sender: { address: shared.address, mailFrom: shared.mailFrom },
          alert: { label: alert.label, score: alert.score, reasons: alert.reasons },
          queueTop: {
            key: top.key,
            score: top.score,
            reasons: top.reasons,
            rules: top.rules,
            count: top.count,
          },
          whitelist: { message: change.message, versionId: change.versionId },
          push: { outcome: pushed.outcome, servers: pushed.servers.map((x) => x.serverName) },
          smtp: {
            before: rejected.outcome,
            retry: retry.outcome,
            spammerSameAddress: spammer.outcome,
            forgerListedNetwork: forger.outcome,
          },
          dashboard: {
            rule: dash.fp.rule,
            label: dash.fp.label,
            rejections: dash.fp.rejections,
            likely: dash.fp.likely,
            confirmed: dash.fp.confirmed,
            pending: dash.fp.pending,
            accepted,
          },
        },
        null,
        2,
      )}\n`,
    );

    // 7. Undo: a new version without the entry, pushed: the sender is rejected again.
    const undone = await call(s.call('review.undo', { decisionIds: change.decisionIds }, ACTOR));
    expect(undone.versionId).toBeGreaterThan(change.versionId as number);
    const back = await call(s.call('push.run', { serverIds: [mx3Id] }, ACTOR));
    expect(back.outcome, JSON.stringify(back.servers)).toBe('succeeded');
    expect(
      (await send(shared.address, shared.mailFrom as string, shared.helo as string)).outcome,
    ).toBe('rejected');
  }, 180_000);
});
