// compile(policy, target): the exact files and main.cf settings one server needs, in Postfix's
// own terms, tailored to what the server has (postscreen, postgrey, its Postfix version).
// Deterministic: the same policy and target give byte-identical output. Runtime: Node (hash).

import crypto from 'node:crypto';
import { appVersion } from '../../app/version';
import { withCloudSenders } from '../../policy/cloud-senders';
import type { Policy } from '../../policy/schema';
import { compilePostgrey } from '../postgrey/compile';
import type { CompiledConfig } from '../compiled';
import type { TargetProfile } from '../target';
import { CompileContext } from './compile-context';
import { compilePostscreen } from './postscreen';
import { siteRecipientRestrictions } from './site-restrictions';
import { CHECKS_CLASS, RBL_CLASS, SPF_CLASS_PREFIX, smtpdChecks } from './smtpd-checks';

export function policyHash(policy: Policy): string {
  return crypto.createHash('sha256').update(JSON.stringify(policy)).digest('hex');
}

export function compile(
  policy: Policy,
  target: TargetProfile,
  version: string = appVersion(),
): CompiledConfig {
  const c = new CompileContext(target, policyHash(policy), version);
  // Whitelisted cloud senders are allowlist entries from here on (hashed above as the policy says).
  policy = withCloudSenders(policy);

  if (target.postscreen) compilePostscreen(c, policy);
  else {
    if (policy.earlyTalker.enabled)
      c.cannot(
        'earlyTalker',
        `the pregreet test needs postscreen, which ${target.name} does not run.`,
      );
    for (const g of policy.cloudSenders ?? [])
      if (g.scope === 'postscreen')
        c.notes.push(
          `${g.name} is whitelisted for postscreen's tests, which ${target.name} does not run: nothing to skip there.`,
        );
  }

  const greylist =
    policy.greylisting.enabled && target.postgrey ? target.postgrey.service : undefined;
  const { checks, rbl, classes: spf } = smtpdChecks(c, policy, greylist);

  const classes = [
    ...target.restrictionClasses.filter(
      (x) => x !== CHECKS_CLASS && x !== RBL_CLASS && !x.startsWith(SPF_CLASS_PREFIX),
    ),
    CHECKS_CLASS,
    ...(rbl.length ? [RBL_CLASS] : []),
    ...Object.keys(spf),
  ];
  c.set('smtpd_restriction_classes', classes.join(', '));
  // An empty class is not allowed: a static DUNNO keeps it a no-op.
  c.set(CHECKS_CLASS, (checks.length ? checks : ['check_client_access static:DUNNO']).join(', '));
  if (rbl.length) c.set(RBL_CLASS, rbl.join(', '));
  for (const [name, value] of Object.entries(spf)) c.set(name, value);
  const site = siteRecipientRestrictions(target.recipientRestrictions, target.postgrey?.service);
  for (const r of site.removed)
    c.notes.push(`Taken over by the policy (removed from smtpd_recipient_restrictions): ${r}`);
  c.set('smtpd_recipient_restrictions', site.value.join(', '));

  const postgrey =
    policy.greylisting.enabled && target.postgrey
      ? compilePostgrey(c, policy, target.postgrey.service)
      : undefined;
  return {
    target: target.name,
    managedDirectory: c.dir,
    files: c.files,
    mainCf: c.mainCf,
    ...(postgrey ? { postgrey } : {}),
    unsupported: c.unsupported,
    notes: c.notes,
    policyHash: c.policyHash,
  };
}

/** The main.cf settings as `postconf -e` would take them, one per line. */
export function mainCfText(config: CompiledConfig): string {
  return config.mainCf.map((s) => `${s.name} = ${s.value}\n`).join('');
}
