// Building blocks for the phases' policies: a quiet base (every check off, short postscreen greet
// wait and greylisting delay so the suite runs in minutes) and small helpers for list entries,
// check actions and client, sender and recipient entries. Runtime: pure.

import { TEMPLATES } from '../../core/policy/templates';
import type {
  CheckAction,
  ClientEntry,
  DnsList,
  Policy,
  RecipientEntry,
  SenderEntry,
} from '../../core/policy/schema';

/** postgrey --delay in the suite: retries wait a little longer than this. */
export const GREYLIST_DELAY_S = 2;
/** postscreen_greet_wait in most phases. */
export const GREET_WAIT_S = 1;

export const ZEN = 'zen.lab.example';
export const BL = 'bl.lab.example';
export const WL = 'wl.lab.example';
export const SLOW = 'slow.lab.example';
export const DEAD = 'dead.lab.example';

export const act = (action: CheckAction['action'], dryRun = false): CheckAction => ({
  action,
  dryRun,
});

export const list = (zone: string, weight: number, filter?: string, dryRun = false): DnsList => ({
  zone,
  weight,
  ...(filter ? { filter } : {}),
  ipv6: true,
  enabled: true,
  dryRun,
});

export const client = (value: string, scope?: ClientEntry['scope']): ClientEntry => ({
  value,
  source: 'manual',
  ...(scope ? { scope } : {}),
});

export const sender = (value: string): SenderEntry => ({
  value,
  requireSpf: false,
  source: 'manual',
});

export const recipient = (value: string): RecipientEntry => ({ value, source: 'manual' });

/**
 * Everything off but what a phase turns on: no lists, no HELO or rDNS checks, greylisting off,
 * the pregreet test on (postscreen's default behaviour with a short wait). postmaster@ and abuse@
 * stay exempt, as in every template.
 */
export function quiet(name: string): Policy {
  const p = TEMPLATES.empty();
  p.name = name;
  p.recipients.exempt = TEMPLATES.balanced().recipients.exempt;
  p.dnsbl = { threshold: 1, allowlistThreshold: 0, lists: [] };
  p.earlyTalker = { enabled: true, greetWaitSeconds: GREET_WAIT_S, action: 'enforce' };
  p.greylisting = {
    ...p.greylisting,
    enabled: false,
    delaySeconds: GREYLIST_DELAY_S,
    perHost: true,
    autoWhitelistAfter: 0,
  };
  return p;
}

/** quiet() with greylisting on (postgrey semantics, per address). */
export function greylisting(name: string, over: Partial<Policy['greylisting']> = {}): Policy {
  const p = quiet(name);
  p.greylisting = { ...p.greylisting, enabled: true, ...over };
  return p;
}
