// Addresses and ports of lab instances. Two instances coexist on one machine:
//   demo (npm run lab)       DNS 127.0.0.2:53, app DNS 127.0.0.1:5353, ssh 2201+, smtpd 2501+,
//                            postscreen 2601+, postgrey 10031+, rbldnsd 127.0.0.2:5300
//   test (integration, e2e)  DNS 127.0.0.3:53, app DNS 127.0.0.1:5354, ssh 2211+, smtpd 2511+,
//                            postscreen 2611+, postgrey 10041+, rbldnsd 127.0.0.3:5300
// Every port derives from basePort (ssh = base+1+i, smtpd = base+301+i, postscreen = base+401+i,
// postgrey = base+7831+i), so instances 10 apart never collide (at most 9 servers each).
// Runtime: Node (lab).

import net from 'node:net';

export interface LabOptions {
  /** Instance name, default `demo`. */
  name?: string;
  /** Number of servers (mx1, mx2, ...), default 3, at most 9. */
  servers?: number;
  /** Where the servers' resolv.conf points (port 53); 127.0.0.x, x ≥ 2. */
  dnsAddress?: string;
  basePort?: number;
  /** The app's DNS port on 127.0.0.1 (the app can name a port; Postfix cannot). */
  appDnsPort?: number;
  /** postgrey --delay, seconds (default 5: tests wait for it). */
  greylistDelay?: number;
  /** How long the DNS front holds answers of the slow list, ms (default 1500). */
  slowListMs?: number;
  log?: (line: string) => void;
}

export interface ResolvedOptions {
  name: string;
  servers: number;
  dnsAddress: string;
  basePort: number;
  appDnsPort: number;
  rbldnsdPort: number;
  greylistDelay: number;
  slowListMs: number;
}

export const INSTANCE_DEFAULTS: Readonly<
  Record<string, { dnsAddress: string; basePort: number; appDnsPort: number }>
> = {
  demo: { dnsAddress: '127.0.0.2', basePort: 2200, appDnsPort: 5353 },
  test: { dnsAddress: '127.0.0.3', basePort: 2210, appDnsPort: 5354 },
  conformance: { dnsAddress: '127.0.0.4', basePort: 2230, appDnsPort: 5355 },
  // Separate working copies (several people or agents at once) run their suites against their own
  // instance: MXWARDEN_TEST_LAB=dev1 npm test.
  dev1: { dnsAddress: '127.0.0.5', basePort: 2240, appDnsPort: 5356 },
  dev2: { dnsAddress: '127.0.0.6', basePort: 2250, appDnsPort: 5357 },
  dev3: { dnsAddress: '127.0.0.7', basePort: 2260, appDnsPort: 5358 },
  dev4: { dnsAddress: '127.0.0.8', basePort: 2270, appDnsPort: 5359 },
};

export const MAX_SERVERS = 9;
const RBLDNSD_PORT = 5300;

export function resolveOptions(options: LabOptions = {}): ResolvedOptions {
  const name = options.name ?? 'demo';
  const defaults = INSTANCE_DEFAULTS[name];
  const dnsAddress = options.dnsAddress ?? defaults?.dnsAddress;
  const basePort = options.basePort ?? defaults?.basePort;
  if (dnsAddress === undefined || basePort === undefined) {
    throw new Error(
      `Lab instance ${name} has no default addresses: pass dnsAddress and basePort (see test/lab/layout.ts)`,
    );
  }
  const octets = dnsAddress.split('.').map(Number);
  if (!net.isIPv4(dnsAddress) || octets[0] !== 127 || octets[1] !== 0 || octets[2] !== 0) {
    throw new Error(
      `The lab DNS address must be in 127.0.0.0/24 (lab infrastructure): ${dnsAddress}`,
    );
  }
  const servers = options.servers ?? 3;
  if (!Number.isInteger(servers) || servers < 1 || servers > MAX_SERVERS) {
    throw new Error(`A lab has 1 to ${MAX_SERVERS} servers, not ${servers}`);
  }
  return {
    name,
    servers,
    dnsAddress,
    basePort,
    appDnsPort: options.appDnsPort ?? defaults?.appDnsPort ?? 5353 + (octets[3] ?? 2) - 2,
    rbldnsdPort: RBLDNSD_PORT,
    greylistDelay: options.greylistDelay ?? 5,
    slowListMs: options.slowListMs ?? 1500,
  };
}

export interface ServerPorts {
  ssh: number;
  smtpd: number;
  postscreen: number;
  postgrey: number;
}

export function serverPorts(options: ResolvedOptions, index: number): ServerPorts {
  const base = options.basePort;
  return {
    ssh: base + 1 + index,
    smtpd: base + 301 + index,
    postscreen: base + 401 + index,
    postgrey: base + 7831 + index,
  };
}

export function serverName(index: number): string {
  return `mx${index + 1}`;
}
