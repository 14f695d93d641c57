// The site's own smtpd_recipient_restrictions with mxwarden's class in it: what the policy now
// manages is taken out (and said so), everything else is kept in its place. Runtime: pure.

import { CHECKS_CLASS, RBL_CLASS } from './smtpd-checks';

const MANAGED =
  /^(reject_rbl_client|permit_dnswl_client|reject_unknown_client_hostname|reject_unknown_reverse_client_hostname|reject_invalid_helo_hostname|reject_non_fqdn_helo_hostname)\b/;

export function siteRecipientRestrictions(
  site: string[],
  greylistService: string | undefined,
): { value: string[]; removed: string[] } {
  const removed: string[] = [];
  const kept = site.filter((step) => {
    const s = step.trim();
    if (s === CHECKS_CLASS || s === RBL_CLASS) return false;
    const managed =
      MANAGED.test(s) ||
      (greylistService !== undefined && s === `check_policy_service ${greylistService}`);
    if (managed) removed.push(s);
    return !managed;
  });
  // After the site's own permits and its open-relay protection, before anything else.
  const anchor = kept.findIndex((s) => s === 'reject_unauth_destination');
  const at = anchor >= 0 ? anchor + 1 : kept.length;
  return { value: [...kept.slice(0, at), CHECKS_CLASS, ...kept.slice(at)], removed };
}
