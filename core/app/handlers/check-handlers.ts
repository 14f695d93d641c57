// check.run and policy.current: Check IP over the current policy, DNS from the settings, and a
// server's own capabilities when one is chosen. Runtime: Node.

import { z } from 'zod';
import { checkIp } from '../../engine/check-ip';
import { FLEET_PROFILE, type ServerProfile } from '../../engine/types';
import { DnsClient } from '../../net/dns-client';
import { TEMPLATES } from '../../policy/templates';
import { issueLines, validatePolicy } from '../../policy/messages';
import { parseDnsServers, settingsSchema, type Settings } from '../../settings/schema';
import type { SendersService } from '../../senders/senders-service';
import type { PolicyRepo } from '../../store/policy-repo';
import type { ServersRepo } from '../../store/servers-repo';
import type { CurrentPolicy } from '../api';
import type { HandlerTable } from '../handler';
import { AppError } from '../result';

const text = (max: number) => z.string().max(max);

const checkRequest = z
  .object({
    runId: z.string().min(1).max(100),
    target: text(255).refine((s) => s.trim().length > 0, {
      message: 'enter an IP address or a host name',
    }),
    helo: text(255).optional(),
    sender: text(320).optional(),
    recipient: text(320).optional(),
    serverId: z.number().int().positive().optional(),
    policy: z.unknown().optional(),
    dnsServers: z.string().max(1000).optional(),
  })
  .strict();

export function currentPolicy(policies: PolicyRepo): CurrentPolicy {
  const saved = policies.current();
  if (saved)
    return {
      source: 'saved',
      versionId: saved.id,
      savedAt: saved.createdAt,
      name: saved.policy.name || `version ${saved.id}`,
      policy: saved.policy,
    };
  const policy = TEMPLATES.balanced();
  return { source: 'template', name: policy.name, policy };
}

export function checkHandlers(
  policies: PolicyRepo,
  servers: ServersRepo,
  settings: () => Settings,
  senders?: SendersService,
): Pick<HandlerTable, 'check.run'> {
  // One client per DNS configuration, so its cache serves one Check IP after another.
  let dns: { key: string; client: DnsClient } | undefined;
  const dnsClient = (override?: string) => {
    const key = override ?? settings().dnsServers;
    if (dns?.key !== key) {
      const parsed = settingsSchema.shape.dnsServers.safeParse(key);
      if (!parsed.success) {
        throw new AppError(
          'INVALID_REQUEST',
          `DNS servers "${key}": ${parsed.error.issues[0]?.message ?? 'invalid'}`,
        );
      }
      dns = { key, client: new DnsClient({ servers: parseDnsServers(key), timeoutMs: 2000 }) };
    }
    return dns.client;
  };

  return {
    'check.run': {
      request: checkRequest,
      run: async (req, _ctx, tools) => {
        let current = currentPolicy(policies);
        if (req.policy !== undefined) {
          const v = validatePolicy(req.policy);
          if (!v.ok)
            throw new AppError(
              'INVALID_REQUEST',
              `The policy given is not valid: ${issueLines(v.issues).join('; ')}`,
              { issues: v.issues },
            );
          current = {
            source: 'saved',
            name: v.policy.name || 'the policy given',
            policy: v.policy,
          };
        }
        const notes: string[] = [];
        if (current.source === 'template')
          notes.push(`No policy has been saved yet: the ${current.name} template is used.`);
        let profile: ServerProfile = FLEET_PROFILE;
        if (req.serverId !== undefined) {
          const row = servers.require(req.serverId);
          const inspection = servers.lastInspection(req.serverId);
          if (inspection) {
            profile = {
              name: row.name,
              postscreen: inspection.postscreen.enabled,
              policyService: inspection.postgrey.inUse ? 'postgrey' : 'none',
            };
          } else {
            notes.push(
              `${row.name} has not been inspected yet: evaluated as postscreen + postgrey.`,
            );
          }
        }
        if (current.policy.quotas.enabled || current.policy.reoffenders.enabled)
          notes.push(
            'Quotas and reoffender escalation are in the policy but not enforced by this version.',
          );
        return checkIp(req, {
          dns: dnsClient(req.dnsServers),
          policy: current.policy,
          policySource: {
            source: current.source,
            ...(current.versionId ? { versionId: current.versionId } : {}),
            name: current.name,
          },
          profile,
          now: tools.now,
          onProgress: (p) => tools.emit('check.progress', p),
          notes,
          ...(senders ? { largeSender: (t: string) => senders.lookup(t) } : {}),
        });
      },
    },
  };
}
