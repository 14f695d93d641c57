// /etc/default/postgrey, the file Debian's postgrey init script (and systemd unit) reads its
// options from: mxwarden owns the options that carry the policy (delay, max age, retry window,
// auto-whitelisting, per host or per network, the whitelist files) inside POSTGREY_OPTS and leaves
// every other option (--inet, --unix, --dbdir, …) and every other line exactly as they were.
// Runtime: pure.

export const POSTGREY_DEFAULTS_FILE = '/etc/default/postgrey';

const OWNED = new Set([
  'delay',
  'max-age',
  'retry-window',
  'auto-whitelist-clients',
  'lookup-by-host',
  'lookup-by-subnet',
  'ipv4cidr',
  'ipv6cidr',
  'whitelist-clients',
  'whitelist-recipients',
]);

const optionName = (o: string) => /^--([a-z0-9-]+)/.exec(o)?.[1];

/** Whether mxwarden's policy decides this option. */
export const isOwnedOption = (option: string): boolean => OWNED.has(optionName(option) ?? '');

const LINE = /^(\s*(?:export\s+)?POSTGREY_OPTS=)(["']?)(.*?)\2(\s*(?:#.*)?)$/;

export interface PostgreyDefaults {
  /** The options of the (last) POSTGREY_OPTS line, split as the init script's shell would. */
  options: string[];
  /** Line index of that assignment, or -1 when the file has none. */
  line: number;
}

export function parsePostgreyDefaults(text: string): PostgreyDefaults {
  const lines = text.split('\n');
  let found = -1;
  let options: string[] = [];
  lines.forEach((l, i) => {
    const m = LINE.exec(l);
    if (m) {
      found = i;
      options = (m[3] ?? '').split(/\s+/).filter(Boolean);
    }
  });
  return { options, line: found };
}

/** The options mxwarden owns, as they stand: compared with what a policy compiles to. */
export const ownedOptions = (options: readonly string[]): string[] => options.filter(isOwnedOption);

/**
 * The file with POSTGREY_OPTS holding the site's own options followed by the policy's.
 * Throws on an option that would need shell quoting (the init script splits on spaces).
 */
export function rewritePostgreyDefaults(text: string, policyOptions: readonly string[]): string {
  for (const o of policyOptions)
    if (!/^--[a-z0-9-]+(=[A-Za-z0-9_./:@%+-]*)?$/.test(o))
      throw new Error(`refusing a postgrey option the init script could not pass: ${o}`);
  const { options, line } = parsePostgreyDefaults(text);
  const value = [...options.filter((o) => !isOwnedOption(o)), ...policyOptions].join(' ');
  const lines = text.split('\n');
  if (line < 0) {
    const body = text.endsWith('\n') || text === '' ? text : `${text}\n`;
    return `${body}POSTGREY_OPTS="${value}"\n`;
  }
  const m = LINE.exec(lines[line] ?? '');
  lines[line] = `${m?.[1] ?? 'POSTGREY_OPTS='}"${value}"${m?.[4] ?? ''}`;
  return lines.join('\n');
}
