// From a request's attributes to the action to answer and the line to log: the policy-service
// stage of the engine (evaluatePolicyStage) on Postfix's facts, its outcome in postgrey's
// words. The policy can be swapped while serving (SIGHUP). Runtime: Node.

import { evaluatePolicyStage, type PolicyStageOutcome } from '../engine/policy-stage';
import type { CheckTrace } from '../engine/types';
import type { GreylistStore } from '../greylist/state';
import type { DnsClient } from '../net/dns-client';
import type { Policy } from '../policy/schema';
import type { DecisionLog } from './log-line';
import { greylistAction, prependAction, replyAction } from './reply';
import type { PolicyAttributes } from './request-reader';

export interface DeciderOptions {
  policy: Policy;
  store: GreylistStore;
  /** For policies that ask for SPF or greylist only listed clients. */
  dns?: DnsClient;
  /** Unix milliseconds. */
  now?: () => number;
  /** For the X-Greylist header. */
  hostname: string;
  version: string;
}

export type Decision =
  { kind: 'answer'; action: string; log: DecisionLog } | { kind: 'invalid'; why: string };

/** postgrey remembers the last 20 message instances; a few more costs nothing. */
const INSTANCES = 64;

function greylistTrace(trace: CheckTrace[]): CheckTrace | undefined {
  return trace.find((t) => t.check === 'greylisting');
}

/** Why a client was let through without greylisting, in postgrey's words where it has them. */
function passReason(t: CheckTrace | undefined): string {
  if (!t) return 'no greylisting decision';
  const data = t.data as { action?: string; reason?: string; missingSeconds?: number } | undefined;
  if (data?.action === 'greylist' && t.dryRun)
    return `dry-run: would greylist (${data.reason ?? 'new'})`;
  if (data?.reason === 'triplet-found') return 'triplet found';
  if (data?.reason === 'client-awl') return 'client AWL';
  const detail = t.detail.replace(/^not greylisted: /, '');
  if (/^client exception|^the client allowlist/.test(detail)) return 'client whitelist';
  if (/^recipient exception/.test(detail)) return 'recipient whitelist';
  return detail;
}

export class PolicyDecider {
  policy: Policy;
  private readonly store: GreylistStore;
  private readonly dns: DnsClient | undefined;
  private readonly now: () => number;
  private readonly hostname: string;
  private readonly version: string;
  /** Messages that already got an X-Greylist header (one per message, as postgrey). */
  private readonly instances: string[] = [];

  constructor(options: DeciderOptions) {
    this.policy = options.policy;
    this.store = options.store;
    this.dns = options.dns;
    this.now = options.now ?? Date.now;
    this.hostname = options.hostname;
    this.version = options.version;
  }

  async decide(a: PolicyAttributes): Promise<Decision> {
    const outcome = await evaluatePolicyStage(
      {
        clientAddress: a.client_address ?? '',
        clientName: a.client_name,
        reverseClientName: a.reverse_client_name,
        helo: a.helo_name,
        sender: a.sender ?? '',
        recipient: a.recipient ?? '',
      },
      this.policy,
      { greylist: this.store, now: this.now, ...(this.dns ? { dns: this.dns } : {}) },
    );
    if (outcome.kind === 'invalid') return outcome;
    return this.answer(outcome, a);
  }

  private answer(o: PolicyStageOutcome, a: PolicyAttributes): Decision {
    const g = greylistTrace(o.trace);
    switch (o.kind) {
      case 'greylist': {
        const data = g?.data as { reason?: string; missingSeconds?: number } | undefined;
        // postgrey says "new" when a late first retry starts over, too.
        const reason =
          data?.reason === 'early-retry'
            ? `early-retry (${data.missingSeconds ?? 0}s missing)`
            : 'new';
        return {
          kind: 'answer',
          action: greylistAction(a.recipient ?? '', a.etrn_domain !== undefined),
          log: { action: 'greylist', reason },
        };
      }
      case 'prepend': {
        // Another recipient of a message that already got its header: plain pass, as postgrey.
        if (!this.firstHeaderOf(a.instance))
          return {
            kind: 'answer',
            action: 'DUNNO',
            log: { action: 'pass', reason: 'triplet found' },
          };
        return {
          kind: 'answer',
          action: prependAction(o.delaySeconds, this.version, this.hostname, new Date(this.now())),
          log: { action: 'pass', reason: 'triplet found', extra: `delay=${o.delaySeconds}` },
        };
      }
      case 'reply': {
        const last = o.trace[o.trace.length - 1];
        return {
          kind: 'answer',
          action: replyAction(o.code, o.enhanced, o.text),
          log: {
            action: o.code >= 500 ? 'reject' : 'defer',
            reason: last ? `${last.rule ?? last.check}: ${last.detail}` : o.text,
          },
        };
      }
      case 'dunno':
        return { kind: 'answer', action: 'DUNNO', log: { action: 'pass', reason: passReason(g) } };
    }
  }

  /** Whether this message has not had its X-Greylist header yet (and now has). */
  private firstHeaderOf(instance: string | undefined): boolean {
    // Without an instance (not Postfix) every first pass gets its header, as with postgrey.
    if (!instance) return true;
    if (this.instances.includes(instance)) return false;
    this.instances.unshift(instance);
    if (this.instances.length > INSTANCES) this.instances.pop();
    return true;
  }
}
