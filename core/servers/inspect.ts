// Inspecting a Postfix server over SSH, read-only: OS, Postfix version and maps, listeners,
// restrictions, postscreen, RBLs and weights, postgrey, policy services, log source, and which
// privileges this account has. Runtime: Node.

import type {
  DnsblSiteInfo,
  ListenerInfo,
  RestrictionStep,
  ServerInspection,
} from '../app/types/servers';
import { parseDnsblSite, parseDnsblSites } from '../targets/postfix/dnsbl-sites';
import { parseMasterCf } from '../targets/postfix/master-cf';
import { parsePostconf, splitList } from '../targets/postfix/postconf-output';
import { parseRestrictions, RESTRICTION_PARAMETERS } from '../targets/postfix/restrictions';
import { findMailLog } from './mail-log';
import { detectPrivilege } from './ssh/privilege';
import type { SshSession } from './ssh/session';

export type InspectStep = (step: string) => void;

function parseOsRelease(text: string): ServerInspection['os'] {
  const kv: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (m?.[1]) kv[m[1]] = (m[2] ?? '').replace(/^"(.*)"$/, '$1');
  }
  return {
    prettyName: kv.PRETTY_NAME ?? kv.NAME ?? 'unknown',
    ...(kv.ID ? { id: kv.ID } : {}),
    ...(kv.VERSION_ID ? { versionId: kv.VERSION_ID } : {}),
  };
}

interface PostgreyProcess {
  options: string[];
  /** --inet value ([host:]port) or --unix path. */
  endpoint?: string;
}

/** Every running postgrey with its options, from `ps -eo args`. */
function postgreyProcesses(ps: string): PostgreyProcess[] {
  const out: PostgreyProcess[] = [];
  for (const line of ps.split('\n')) {
    if (!/(^|\/|\s)postgrey(\s|$)/.test(line)) continue;
    const options = line
      .trim()
      .split(/\s+/)
      .filter((t) => t.startsWith('--'));
    const endpoint = options
      .find((o) => o.startsWith('--inet=') || o.startsWith('--unix='))
      ?.replace(/^--(inet|unix)=/, '');
    out.push({ options, ...(endpoint ? { endpoint } : {}) });
  }
  return out;
}

/** Does policy service `inet:127.0.0.1:10023` / `unix:postgrey/socket` reach this postgrey? */
function servesPolicy(p: PostgreyProcess, service: string): boolean {
  if (!p.endpoint) return /:10023$/.test(service); // postgrey's default port
  if (service.startsWith('unix:')) return p.endpoint.endsWith(service.slice('unix:'.length));
  const port = service.split(':').pop();
  return port !== undefined && p.endpoint.split(':').pop() === port;
}

export async function inspectServer(
  session: SshSession,
  step: InspectStep = () => {},
): Promise<ServerInspection> {
  const started = Date.now();
  const warnings: string[] = [];

  step('privileges');
  const privilege = await detectPrivilege(session);

  step('system');
  const osRelease = (await session.readFile('/etc/os-release'))?.toString('utf8') ?? '';

  step('Postfix configuration');
  const postconf = `${privilege.commandDirectory}/postconf`;
  const all = parsePostconf(await session.run([postconf]));
  const nonDefault = parsePostconf(await session.run([postconf, '-n']));
  const master = parseMasterCf(await session.run([postconf, '-M']));
  const mapTypes = splitList(await session.run([postconf, '-m']));

  const listeners: ListenerInfo[] = master
    .filter((e) => e.type === 'inet' && (e.command === 'smtpd' || e.command === 'postscreen'))
    .map((e) => ({ service: e.service, kind: e.command, overrides: e.overrides }));
  const postscreenOn = listeners.some((l) => l.kind === 'postscreen');

  const restrictions: Record<string, RestrictionStep[]> = {};
  for (const p of RESTRICTION_PARAMETERS) restrictions[p] = parseRestrictions(all[p]);
  const parsedRestrictions = RESTRICTION_PARAMETERS.flatMap((p) => parseRestrictions(all[p]));
  // Per-listener -o overrides can carry their own restriction lists.
  for (const l of listeners) {
    for (const p of RESTRICTION_PARAMETERS) {
      const v = l.overrides[p];
      if (v !== undefined && !v.startsWith('$')) parsedRestrictions.push(...parseRestrictions(v));
    }
  }

  const rbls: DnsblSiteInfo[] = [];
  if (postscreenOn) {
    try {
      for (const s of parseDnsblSites(all.postscreen_dnsbl_sites))
        rbls.push({ ...s, source: 'postscreen' });
    } catch (e) {
      warnings.push(`postscreen_dnsbl_sites could not be read: ${(e as Error).message}`);
    }
  }
  for (const r of parsedRestrictions) {
    if (
      !r.arg ||
      !/^(reject_rbl_client|permit_dnswl_client|reject_rhsbl_\w+|permit_rhswl_client)$/.test(r.name)
    )
      continue;
    const site = parseDnsblSite(r.arg);
    rbls.push({
      zone: site.zone,
      ...(site.filter ? { filter: site.filter } : {}),
      weight: r.name.startsWith('permit') ? -1 : 1,
      source: 'smtpd',
      restriction: r.name,
    });
  }

  const policyServices = [
    ...new Set(
      parsedRestrictions
        .filter((r) => r.name === 'check_policy_service' && r.arg)
        .map((r) => r.arg as string),
    ),
  ];

  step('postgrey');
  const which = await session.exec(['sh', '-c', 'command -v postgrey']);
  const ps = await session.exec(['ps', '-eo', 'args']);
  if (ps.code !== 0)
    warnings.push('ps is not available: whether postgrey runs could not be checked');
  const running = postgreyProcesses(ps.code === 0 ? ps.stdout : '');
  // Postgrey "in use" means Postfix calls it: match policy services to running instances (a host
  // can run several), falling back to the name or the default port.
  let pgService: string | undefined;
  let pgProcess: PostgreyProcess | undefined;
  for (const service of policyServices) {
    const match = running.find((p) => servesPolicy(p, service));
    if (match) {
      pgService = service;
      pgProcess = match;
      break;
    }
  }
  pgService ??= policyServices.find((s) => /postgrey|:10023$/.test(s));
  if (pgService && !pgProcess)
    warnings.push(
      `Postfix calls ${pgService} for greylisting, but no postgrey serving it is running.`,
    );

  step('log source');
  const log = await findMailLog(session, all.maillog_file);
  if (log.kind === 'unknown')
    warnings.push(
      'No mail log found (no maillog_file, /var/log/mail.log or journald): live statistics will not work.',
    );
  if (privilege.mode === 'none')
    warnings.push(
      `${privilege.user} cannot run Postfix's tools with sudo: pushes will fail until the sudoers line is added.`,
    );

  const num = (v: string | undefined): number | undefined =>
    v !== undefined && v !== '' && Number.isFinite(Number(v)) ? Number(v) : undefined;
  return {
    at: started,
    durationMs: Date.now() - started,
    os: parseOsRelease(osRelease),
    postfix: {
      version: all.mail_version ?? 'unknown',
      configDirectory: all.config_directory ?? '/etc/postfix',
      commandDirectory: privilege.commandDirectory,
      mapTypes,
      parameters: nonDefault,
    },
    listeners,
    restrictions,
    postscreen: {
      enabled: postscreenOn,
      ...(postscreenOn
        ? {
            dnsblThreshold: num(all.postscreen_dnsbl_threshold),
            dnsblAllowlistThreshold: num(
              all.postscreen_dnsbl_allowlist_threshold ?? all.postscreen_dnsbl_whitelist_threshold,
            ),
            dnsblAction: all.postscreen_dnsbl_action,
            greetAction: all.postscreen_greet_action,
            greetWait: all.postscreen_greet_wait,
            accessList: all.postscreen_access_list,
          }
        : {}),
    },
    rbls,
    postgrey: {
      installed: which.code === 0,
      running: pgProcess !== undefined,
      inUse: pgService !== undefined,
      ...(pgService ? { policyService: pgService } : {}),
      options: pgProcess?.options ?? [],
    },
    policyServices,
    log,
    privilege,
    warnings,
  };
}
