// smtpd_*_restrictions lists: tokens, with the arguments some restrictions take.
// Runtime: pure.

import { splitList } from './postconf-output';

export interface Restriction {
  name: string;
  arg?: string;
}

/** Restrictions followed by one argument (a table, a domain, a service). */
const TAKES_ARGUMENT = new Set([
  'check_client_access',
  'check_client_a_access',
  'check_client_mx_access',
  'check_client_ns_access',
  'check_reverse_client_hostname_access',
  'check_helo_access',
  'check_helo_a_access',
  'check_helo_mx_access',
  'check_helo_ns_access',
  'check_sender_access',
  'check_sender_a_access',
  'check_sender_mx_access',
  'check_sender_ns_access',
  'check_recipient_access',
  'check_recipient_a_access',
  'check_recipient_mx_access',
  'check_recipient_ns_access',
  'check_ccert_access',
  'check_sasl_access',
  'check_policy_service',
  'reject_rbl_client',
  'reject_rhsbl_client',
  'reject_rhsbl_helo',
  'reject_rhsbl_sender',
  'reject_rhsbl_recipient',
  'reject_rhsbl_reverse_client',
  'permit_dnswl_client',
  'permit_rhswl_client',
]);

export function parseRestrictions(value: string | undefined): Restriction[] {
  const tokens = splitList(value);
  const out: Restriction[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const name = tokens[i] as string;
    if (TAKES_ARGUMENT.has(name) && i + 1 < tokens.length)
      out.push({ name, arg: tokens[++i] as string });
    else out.push({ name });
  }
  return out;
}

export const RESTRICTION_PARAMETERS = [
  'smtpd_client_restrictions',
  'smtpd_helo_restrictions',
  'smtpd_sender_restrictions',
  'smtpd_relay_restrictions',
  'smtpd_recipient_restrictions',
  'smtpd_data_restrictions',
  'smtpd_end_of_data_restrictions',
] as const;
