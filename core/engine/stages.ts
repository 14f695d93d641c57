// The order checks run in, stage by stage, as the compiled configuration applies them.
// The compiler follows the same order (one list, not two that could drift). Runtime: pure.

import {
  clientAccess,
  postscreenAccess,
  recipientExempt,
  senderAccess,
} from '../checks/access-lists';
import { result, type CheckContext, type CheckResult } from '../checks/check';
import { dnsblScore, listTraces, postscreenDnsbl, smtpdRbl } from '../checks/dnsbl';
import { earlyTalker } from '../checks/early-talker';
import { greylistCheck } from '../checks/greylist';
import { heloChecks } from '../checks/helo';
import { notYetEnforced } from '../checks/quota';
import { rdnsCheck } from '../checks/rdns';
import { spfCheck } from '../checks/spf';

type Step = () => CheckResult[];

const one =
  (f: () => CheckResult): Step =>
  () => [f()];

/** Every step in order; evaluate() stops after the first that decides. */
export function checkPipeline(ctx: CheckContext): Step[] {
  const score = dnsblScore(ctx);
  const listStage = ctx.profile.postscreen ? 'postscreen' : 'smtpd';
  const info: Step = () => listTraces(ctx, listStage).map((trace) => ({ trace }));
  const postscreen: Step[] = ctx.profile.postscreen
    ? [
        one(() => postscreenAccess(ctx)),
        () =>
          ctx.skip.has('postscreen') || ctx.skip.has('dnsbl') ? [] : [postscreenDnsbl(ctx, score)],
        () => (ctx.skip.has('postscreen') ? [] : [earlyTalker(ctx)]),
      ]
    : [];
  const smtpd: Step[] = [
    one(() => recipientExempt(ctx)),
    one(() => clientAccess(ctx)),
    one(() => senderAccess(ctx)),
    () => heloChecks(ctx),
    one(() => rdnsCheck(ctx)),
    () => (ctx.profile.postscreen || ctx.skip.has('dnsbl') ? [] : [smtpdRbl(ctx)]),
  ];
  const policy: Step[] = [
    one(() => spfCheck(ctx)),
    () => combinedScore(ctx, score.total),
    one(() => greylistCheck(ctx)),
    () => notYetEnforced(ctx),
  ];
  return [info, ...postscreen, ...smtpd, ...policy];
}

/** mxwarden's policy service adds scores from HELO/rDNS/SPF checks to the DNSBL score. */
function combinedScore(ctx: CheckContext, dnsbl: number): CheckResult[] {
  if (ctx.extraScore.length === 0) return [];
  const total = dnsbl + ctx.extraScore.reduce((s, x) => s + x.score, 0);
  const parts = [`DNS lists ${dnsbl}`, ...ctx.extraScore.map((x) => `${x.rule} ${x.score}`)].join(
    ' + ',
  );
  const threshold = ctx.policy.dnsbl.threshold;
  if (total < threshold)
    return [
      result({
        check: 'combined score',
        stage: 'policy',
        status: 'miss',
        outcome: 'continue',
        rule: 'dnsbl.score',
        detail: `${parts} = ${total} < ${threshold}`,
      }),
    ];
  return [
    result(
      {
        check: 'combined score',
        stage: 'policy',
        status: 'hit',
        outcome: 'reject',
        rule: 'dnsbl.score',
        detail: `${parts} = ${total} ≥ ${threshold}`,
      },
      {
        code: 550,
        enhanced: '5.7.1',
        text: `Service unavailable; client [${ctx.address}] scored ${total}`,
      },
    ),
  ];
}
