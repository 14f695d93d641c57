// DNS lists. With postscreen: weighted scores against the threshold (and the allowlist
// threshold). Without it, smtpd's reject_rbl_client / permit_dnswl_client: any listed entry acts
// on its own, weights and threshold do not apply — said in the trace. Runtime: pure.

import type { ListHit } from '../engine/facts';
import { REPLIES } from '../engine/replies';
import type { CheckTrace } from '../engine/types';
import { dnsblRule, dnswlRule } from '../policy/rules';
import { result, type CheckContext, type CheckResult } from './check';

const label = (h: ListHit) => `${h.list.zone}${h.list.filter ? `=${h.list.filter}` : ''}`;

/** One trace line per list entry: listed, not listed, timed out — with its timing. */
export function listTraces(ctx: CheckContext, stage: CheckTrace['stage']): CheckTrace[] {
  return ctx.facts.lists.map((h) => {
    const a = h.answer;
    const rule = h.list.weight < 0 ? dnswlRule(h.list.zone) : dnsblRule(h.list.zone);
    const status: CheckTrace['status'] =
      a.status === 'listed'
        ? h.matched
          ? 'hit'
          : 'miss'
        : a.status === 'not-listed'
          ? 'miss'
          : a.status === 'skipped'
            ? 'skipped'
            : a.status;
    const detail =
      a.status === 'listed'
        ? h.matched
          ? `listed as ${a.answers.join(', ')} (weight ${h.list.weight > 0 ? '+' : ''}${h.list.weight}${h.list.dryRun ? ', dry-run' : ''})`
          : `answered ${a.answers.join(', ')}, outside the filter ${h.list.filter ?? ''}`
        : a.status === 'not-listed'
          ? 'not listed'
          : a.status === 'timeout'
            ? 'timed out: not counted (unknown, not "not listed")'
            : a.status === 'skipped'
              ? `not asked: ${a.why ?? ''}`
              : `lookup failed${a.why ? `: ${a.why}` : ''}`;
    return {
      check: label(h),
      stage,
      status,
      outcome: 'continue',
      rule,
      detail,
      ms: a.ms,
      ...(h.list.dryRun ? { dryRun: true } : {}),
      data: { answers: a.answers, weight: h.list.weight, ...(a.text ? { text: a.text } : {}) },
    };
  });
}

export interface Score {
  total: number;
  /** The counted list with the largest weight: the one postscreen names. */
  top?: ListHit;
  /**
   * Zones whose counted entries share that largest weight. postscreen names the one whose answer
   * it reads first (psc_dnsbl_receive keeps the first reply with a strictly larger weight), so
   * with a tie the name depends on DNS timing, not on the order of postscreen_dnsbl_sites.
   */
  tied: string[];
  /** Lists that timed out or failed: unknown, so not counted (and said so). */
  timedOut: string[];
}

export function dnsblScore(ctx: CheckContext): Score {
  let total = 0;
  let top: ListHit | undefined;
  for (const h of ctx.facts.lists) {
    if (!h.matched || h.list.dryRun) continue;
    total += h.list.weight;
    if (h.list.weight > 0 && (!top || h.list.weight > top.list.weight)) top = h;
  }
  const timedOut = [
    ...new Set(
      ctx.facts.lists
        .filter((h) => h.answer.status === 'timeout' || h.answer.status === 'error')
        .map((h) => h.list.zone),
    ),
  ];
  const tied = top
    ? [
        ...new Set(
          ctx.facts.lists
            .filter((h) => h.matched && !h.list.dryRun && h.list.weight === top?.list.weight)
            .map((h) => h.list.zone.toLowerCase()),
        ),
      ]
    : [];
  return { total, ...(top ? { top } : {}), tied, timedOut };
}

export function postscreenDnsbl(ctx: CheckContext, score: Score): CheckResult {
  const { threshold, allowlistThreshold } = ctx.policy.dnsbl;
  const late = score.timedOut.length
    ? `; ${score.timedOut.join(', ')} did not answer (timed out or failed) and did not count`
    : '';
  const base = {
    check: 'DNSBL score',
    stage: 'postscreen' as const,
    rule: score.top ? dnsblRule(score.top.list.zone) : ('dnsbl.score' as const),
    data: {
      score: score.total,
      threshold,
      ...(score.tied.length > 1 ? { namedOneOf: score.tied } : {}),
    },
  };
  if (ctx.policy.dnsbl.lists.length === 0)
    return result({
      ...base,
      status: 'skipped',
      outcome: 'continue',
      detail: 'no DNS lists configured',
    });
  if (score.total >= threshold && score.top) {
    return result(
      {
        ...base,
        status: 'hit',
        outcome: 'reject',
        detail: `score ${score.total} ≥ threshold ${threshold} (largest weight: ${
          score.tied.length > 1
            ? `${score.tied.join(', ')} tie; postscreen names the one whose answer comes first`
            : score.top.list.zone
        })${late}`,
      },
      REPLIES.postscreenDnsbl(ctx.address, score.top.list.zone),
    );
  }
  if (allowlistThreshold < 0 && score.total <= allowlistThreshold) {
    ctx.skip.add('postscreen');
    return result({
      ...base,
      status: 'hit',
      outcome: 'allow',
      rule: 'dnsbl.score',
      detail: `score ${score.total} ≤ allowlist threshold ${allowlistThreshold}: postscreen's other tests are skipped${late}`,
    });
  }
  return result({
    ...base,
    status: 'miss',
    outcome: 'continue',
    rule: 'dnsbl.score',
    detail: `score ${score.total} < threshold ${threshold}${late}`,
  });
}

/** Without postscreen: permit_dnswl_client first, then reject_rbl_client for each listed entry. */
export function smtpdRbl(ctx: CheckContext): CheckResult {
  const base = { check: 'RBLs (smtpd)', stage: 'smtpd' as const };
  const note =
    'without postscreen, each listed entry acts on its own: weights and the threshold do not apply';
  const allow = ctx.facts.lists.find((h) => h.matched && !h.list.dryRun && h.list.weight < 0);
  if (allow)
    return result({
      ...base,
      status: 'hit',
      outcome: 'accept',
      rule: dnswlRule(allow.list.zone),
      detail: `allowlisted by ${allow.list.zone} (permit_dnswl_client); ${note}`,
    });
  const block = ctx.facts.lists.find((h) => h.matched && !h.list.dryRun && h.list.weight > 0);
  if (block) {
    return result(
      {
        ...base,
        status: 'hit',
        outcome: 'reject',
        rule: dnsblRule(block.list.zone),
        detail: `listed in ${block.list.zone} (reject_rbl_client); ${note}`,
      },
      REPLIES.smtpdRbl(ctx.address, block.list.zone, block.answer.text),
    );
  }
  return result({
    ...base,
    status: ctx.facts.lists.length ? 'miss' : 'skipped',
    outcome: 'continue',
    detail: ctx.facts.lists.length ? `not listed; ${note}` : 'no DNS lists configured',
  });
}
