// What a compile target can do: derived from a server's inspection, or one of the named
// profiles for policy-as-code pipelines. Runtime: pure.

import type { ServerInspection } from '../app/types/servers';

export interface TargetProfile {
  name: string;
  postfixVersion: string;
  postscreen: boolean;
  /** Greylisting through postgrey, at this policy-service address. */
  postgrey: { service: string } | undefined;
  mapTypes: string[];
  /** The site's own smtpd_recipient_restrictions, kept around mxwarden's managed class. */
  recipientRestrictions: string[];
  /** The site's own restriction classes (smtpd_restriction_classes), kept beside mxwarden's. */
  restrictionClasses: string[];
  configDirectory: string;
}

const DEFAULT_MAP_TYPES = ['cidr', 'hash', 'texthash', 'regexp', 'static', 'inline'];
const SITE_DEFAULT = ['permit_mynetworks', 'reject_unauth_destination'];

export const NAMED_PROFILES = {
  postfix: { postscreen: false, postgrey: false },
  'postfix-postscreen': { postscreen: true, postgrey: false },
  'postfix-postgrey': { postscreen: false, postgrey: true },
  'postfix-postscreen-postgrey': { postscreen: true, postgrey: true },
} as const;

export type ProfileName = keyof typeof NAMED_PROFILES;

export function namedProfile(name: ProfileName, postfixVersion = '3.7.0'): TargetProfile {
  const p = NAMED_PROFILES[name];
  return {
    name,
    postfixVersion,
    postscreen: p.postscreen,
    postgrey: p.postgrey ? { service: 'inet:127.0.0.1:10023' } : undefined,
    mapTypes: DEFAULT_MAP_TYPES,
    recipientRestrictions: SITE_DEFAULT,
    restrictionClasses: [],
    configDirectory: '/etc/postfix',
  };
}

export function profileFromInspection(name: string, i: ServerInspection): TargetProfile {
  const rcpt = (i.restrictions.smtpd_recipient_restrictions ?? []).map((s) =>
    s.arg ? `${s.name} ${s.arg}` : s.name,
  );
  return {
    name,
    postfixVersion: i.postfix.version,
    postscreen: i.postscreen.enabled,
    postgrey:
      i.postgrey.inUse && i.postgrey.policyService
        ? { service: i.postgrey.policyService }
        : i.postgrey.installed
          ? { service: 'inet:127.0.0.1:10023' }
          : undefined,
    mapTypes: i.postfix.mapTypes,
    recipientRestrictions: rcpt.length ? rcpt : SITE_DEFAULT,
    restrictionClasses: (i.postfix.parameters.smtpd_restriction_classes ?? '')
      .split(/[\s,]+/)
      .filter(Boolean),
    configDirectory: i.postfix.configDirectory,
  };
}

/** Postfix renamed whitelist/blacklist to allowlist/denylist in 3.6. */
export function atLeast(version: string, major: number, minor: number): boolean {
  const [a = 0, b = 0] = version.split('.').map((x) => Number.parseInt(x, 10));
  return a > major || (a === major && b >= minor);
}
