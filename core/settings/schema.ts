// The user's settings: shape, defaults and validation. Pure (zod only): the renderer uses it
// for inline validation, the service for the real check.

import { z } from 'zod';

export const THEMES = ['system', 'light', 'dark'] as const;
/** The refresh intervals the Settings page offers (hours; 0 = on demand only). */
export const SENDERS_REFRESH_CHOICES = [0, 6, 12, 24, 168] as const;
export const TIME_DISPLAYS = ['local', 'utc'] as const;
export const TABLE_DENSITIES = ['comfortable', 'compact'] as const;

/** '' means the OpenSSH default; otherwise an absolute path (a relative one would depend on cwd). */
const optionalAbsolutePath = z
  .string()
  .max(4096)
  .refine((p) => p === '' || p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p), {
    message: 'must be an absolute path, or empty for the default',
  })
  .refine((p) => !/[\0\n\r]/.test(p), { message: 'must not contain control characters' });

const DNS_SERVER =
  /^(?:\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-fA-F:]+\]|[0-9a-fA-F:]*:[0-9a-fA-F:]+)(?::\d{1,5})?$/;

/** "127.0.0.1:5353, [::1]:53" — addresses only: a resolver is found by address, not by name. */
const dnsServerList = z
  .string()
  .max(1000)
  .refine((v) => v.trim() === '' || v.split(',').every((s) => DNS_SERVER.test(s.trim())), {
    message:
      'must be IP addresses with optional ports, e.g. 127.0.0.1:5353, [::1]:53 (empty for the system resolver)',
  });

export function parseDnsServers(v: string): string[] {
  return v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

// Field schemas without defaults: a patch must not grow defaults for keys it did not name.
const fields = {
  /** 'system' follows the OS's light/dark preference live. */
  theme: z.enum(THEMES),
  /** Mail logs mix time zones; admins often want UTC everywhere. */
  timeDisplay: z.enum(TIME_DISPLAYS),
  tableDensity: z.enum(TABLE_DENSITIES),
  /** In-app notifications for background events (push results, new false positives). */
  notifications: z.boolean(),
  /** ssh's config file for aliases, users, keys, ProxyJump; '' = ~/.ssh/config. */
  sshConfigPath: optionalAbsolutePath,
  /** Where host keys are pinned, shared with ssh(1); '' = ~/.ssh/known_hosts. */
  knownHostsPath: optionalAbsolutePath,
  /** DNS servers for Check IP and SPF, 'host' or 'host:port', comma-separated; '' = the system's. */
  dnsServers: dnsServerList,
  /** How often the app refreshes the cloud senders' ranges from DNS; 0 = only on demand. */
  sendersRefreshHours: z.number().int().min(0).max(720),
  /**
   * When a refresh changes a whitelisted provider's ranges: re-pin them and push to every server
   * without asking. Off by default: a push changes mail servers.
   */
  sendersAutoPush: z.boolean(),
  /**
   * The most disk the statistics may use (MB): past it, the oldest events go first, then the
   * oldest rollups. Counts per day are kept whatever the bound.
   */
  statsMaxMegabytes: z.number().int().min(50).max(1_000_000),
  /** Days rejections and accepted messages are kept one by one (rollups are kept longer). */
  statsEventDays: z.number().int().min(1).max(3650),
};

export type Settings = { [K in keyof typeof fields]: z.infer<(typeof fields)[K]> };
export type SettingKey = keyof Settings;

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  theme: 'system',
  timeDisplay: 'local',
  tableDensity: 'comfortable',
  notifications: true,
  sshConfigPath: '',
  knownHostsPath: '',
  dnsServers: '',
  sendersRefreshHours: 24,
  sendersAutoPush: false,
  statsMaxMegabytes: 2048,
  statsEventDays: 90,
});

export const settingsSchema = z.object(fields);

/** A partial update: only known keys, each valid. Unknown keys are an error, not ignored. */
export const settingsPatchSchema = z
  .object(fields)
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, {
    message: 'nothing to change: name at least one setting',
  });

/** One stored value: invalid stored values fall back to the default instead of breaking the app. */
export function settingFromStore<K extends SettingKey>(key: K, raw: unknown): Settings[K] {
  const parsed = fields[key].safeParse(raw);
  return parsed.success ? (parsed.data as Settings[K]) : DEFAULT_SETTINGS[key];
}

export function isSettingKey(key: string): key is SettingKey {
  return Object.hasOwn(fields, key);
}

export const SETTING_LABELS: Record<SettingKey, string> = {
  theme: 'Theme',
  timeDisplay: 'Times shown in',
  tableDensity: 'Table density',
  notifications: 'In-app notifications',
  sshConfigPath: 'SSH config file',
  knownHostsPath: 'known_hosts file',
  dnsServers: 'DNS servers',
  sendersRefreshHours: 'Cloud sender refresh (hours)',
  sendersAutoPush: 'Push changed cloud sender ranges automatically',
  statsMaxMegabytes: 'Statistics storage limit (MB)',
  statsEventDays: 'Days single events are kept',
};
