// The words Check IP uses for verdicts, stages, check statuses and DNS answers — one place, so
// the page, the copied text and the CSV say the same thing. Pure.

import type {
  CheckListResult,
  CheckReport,
  CheckTrace,
  LargeSenderFact,
  Verdict,
} from '../../../core/app/api';
import { CLOUD_SCOPE_WORDS } from '../../../core/policy/cloud-senders';

export const VERDICT_WORD: Record<Verdict['action'], string> = {
  accept: 'Accept',
  reject: 'Reject',
  defer: 'Defer',
  greylist: 'Greylist',
};

const WOULD_BE: Record<Verdict['action'], string> = {
  accept: 'Would be accepted',
  reject: 'Would be rejected',
  defer: 'Would be deferred',
  greylist: 'Would be greylisted',
};

/** What a temporary refusal means for the sender, which the word alone does not say. */
export const VERDICT_HINT: Partial<Record<Verdict['action'], string>> = {
  defer: 'A temporary refusal (4xx): a real mail server keeps the message and tries again.',
  greylist:
    'A temporary refusal (4xx) of the first attempt: a real mail server retries after the delay and gets through.',
};

/** "Would be rejected by RBL zen.lab.example at postscreen". */
export function verdictHeadline(v: Verdict): string {
  // "greylisted by Greylisting" says nothing twice.
  const by = v.ruleLabel && v.rule !== 'greylist' ? ` by ${v.ruleLabel}` : '';
  const at = v.stage ? ` at ${STAGE_LABEL[v.stage]}` : '';
  if (v.action === 'accept')
    return v.ruleLabel ? `Would be accepted: ${v.ruleLabel}${at}` : 'Would be accepted';
  return `${WOULD_BE[v.action]}${by}${at}`;
}

export const STAGE_LABEL: Record<CheckTrace['stage'], string> = {
  postscreen: 'postscreen',
  smtpd: 'smtpd',
  policy: 'the policy service',
};

export const STATUS_WORD: Record<CheckTrace['status'], string> = {
  hit: 'hit',
  miss: 'miss',
  skipped: 'skipped',
  timeout: 'timed out',
  error: 'error',
  'not-enforced': 'not enforced',
};

export const OUTCOME_WORD: Record<CheckTrace['outcome'], string> = {
  accept: 'accepts',
  reject: 'rejects',
  defer: 'defers',
  greylist: 'greylists',
  continue: 'continues',
  allow: 'allows (skips tests)',
};

/** A DNS list's answer in words; a timeout is "unknown", never "not listed". */
export function answerWords(
  status: CheckListResult['status'] | 'pending',
  answers: readonly string[],
  version?: 4 | 6,
): string {
  switch (status) {
    case 'listed':
      return answers.join(', ');
    case 'not-listed':
      return 'not listed';
    case 'timeout':
      return 'timed out (unknown)';
    case 'error':
      return 'lookup error (unknown)';
    case 'skipped':
      return version === 6 ? 'skipped: no IPv6 data' : 'skipped';
    case 'pending':
      return 'waiting…';
  }
}

export const signed = (n: number): string => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0');

/** "mail.shop.example (forward-confirmed)", "no PTR", "lookup timed out". */
export function rdnsWords(r: Pick<CheckReport['rdns'], 'status' | 'names' | 'verifiedName'>) {
  if (r.verifiedName) return `${r.verifiedName} (forward-confirmed)`;
  if (r.names.length) return `${r.names.join(', ')} (not forward-confirmed)`;
  if (r.status === 'none') return 'no PTR record';
  if (r.status === 'timeout') return 'PTR lookup timed out (unknown)';
  return `PTR lookup failed (${r.status})`;
}

export function policyWords(p: CheckReport['policy']): string {
  if (p.source === 'template') return `${p.name} template (no policy saved yet)`;
  return p.versionId ? `${p.name}, saved version ${p.versionId}` : p.name;
}

/** "Google — 209.85.128.0/17 (live data of 2026-11-23); whitelisted: skip greylisting". */
export function largeSenderWords(f: LargeSenderFact): string {
  const data =
    f.origin === 'live' ? `live data of ${f.asOf.slice(0, 10)}` : `snapshot of ${f.asOf}`;
  const via = f.match === 'range' ? f.via : `host name *.${f.via}`;
  const listed = f.whitelisted
    ? `whitelisted: ${CLOUD_SCOPE_WORDS[f.whitelisted]}`
    : 'not whitelisted';
  return `${f.name} — ${via} (${data}); ${listed}`;
}
