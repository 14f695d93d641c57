// The offline snapshot: each catalog provider's SPF records as published, so the app knows the
// large senders' ranges without DNS. Ranges are not stored here: they are expanded from these
// records by the same code as live data (snapshot-expansions.ts), and always shown as
// "snapshot of <date>", never as live. Any refresh replaces a provider's snapshot with live data.
//
// Compiled on 2026-11-23 from public material (no DNS was queried: this build machine has no
// Internet): dig/nslookup output and SPF-checker dumps quoted in public repositories and pages,
// the newest copy found for each name. Where a record an include names was not found, it is left
// out and the expansion says "not captured in the offline snapshot" for it — never guessed.
// Runtime: pure (data).

import type { StaticRecords } from './record-source';

export const SNAPSHOT_DATE = '2026-11-23';

export interface SnapshotEntry {
  /** When the records were compiled into the snapshot (YYYY-MM-DD). */
  asOf: string;
  /** Where the records come from, in words (with the date the source gives, when it gives one). */
  source: string;
  records: StaticRecords;
}

const quoted = (what: string) =>
  `Published record as quoted in ${what} (public material found by code and page search).`;

export const SNAPSHOT: Readonly<Record<string, SnapshotEntry>> = {
  google: {
    asOf: SNAPSHOT_DATE,
    source: quoted('several 2026 dig outputs and SPF-tree reports'),
    records: {
      '_spf.google.com': {
        txt: [
          'v=spf1 ip4:74.125.0.0/16 ip4:209.85.128.0/17 ip6:2001:4860:4864::/56 ip6:2404:6800:4864::/56 ip6:2607:f8b0:4864::/56 ip6:2800:3f0:4864::/56 ip6:2a00:1450:4864::/56 ip6:2c0f:fb50:4864::/56 ~all',
        ],
      },
    },
  },
  microsoft: {
    asOf: SNAPSHOT_DATE,
    source: quoted('an SPF debug trace and test fixtures labelled as the live record (2025–2026)'),
    records: {
      'spf.protection.outlook.com': {
        txt: [
          'v=spf1 ip4:40.92.0.0/15 ip4:40.107.0.0/16 ip4:52.100.0.0/15 ip4:52.102.0.0/16 ip4:52.103.0.0/17 ip4:104.47.0.0/17 ip6:2a01:111:f400::/48 ip6:2a01:111:f403::/49 ip6:2a01:111:f403:8000::/51 ip6:2a01:111:f403:c000::/51 ip6:2a01:111:f403:f000::/52 -all',
        ],
      },
    },
  },
  yahoo: {
    asOf: SNAPSHOT_DATE,
    source: quoted('an SPF library’s test of yahoo.com (kumomta)'),
    records: {
      '_spf.mail.yahoo.com': { txt: ['v=spf1 ptr:yahoo.com ptr:yahoo.net ?all'] },
    },
  },
  apple: {
    asOf: SNAPSHOT_DATE,
    source: quoted('dig output and DNS reports of icloud.com (2025)'),
    records: {
      'icloud.com': {
        txt: [
          'v=spf1 ip4:17.41.0.0/16 ip4:17.58.0.0/16 ip4:17.142.0.0/15 ip4:17.57.155.0/24 ip4:17.57.156.0/24 ip4:144.178.36.0/24 ip4:144.178.38.0/24 ip4:112.19.199.64/29 ip4:112.19.242.64/29 ip4:222.73.195.64/29 ip4:157.255.1.64/29 ip4:106.39.212.64/29 ip4:123.126.78.64/29 ip4:183.240.219.64/29 ip4:39.156.163.64/29 ip4:57.103.64.0/18 ip6:2a01:b747:3000:200::/56 ip6:2a01:b747:3001:200::/56 ip6:2a01:b747:3002:200::/56 ip6:2a01:b747:3003:200::/56 ip6:2a01:b747:3004:200::/56 ip6:2a01:b747:3005:200::/56 ip6:2a01:b747:3006:200::/56 ~all',
        ],
      },
    },
  },
  proton: {
    asOf: SNAPSHOT_DATE,
    source: quoted('checkdmarc’s documented output for proton.me'),
    records: {
      '_spf.protonmail.ch': {
        txt: [
          'v=spf1 ip4:185.70.40.0/24 ip4:185.70.41.0/24 ip4:185.70.43.0/24 ip4:79.135.106.0/24 ip4:79.135.107.0/24 ip4:109.224.244.0/24 include:_spf2.protonmail.ch ~all',
        ],
      },
      '_spf2.protonmail.ch': {
        txt: ['v=spf1 ip4:85.9.206.169 ip4:85.9.210.45 ip4:188.165.51.139 ip4:57.129.93.249 ~all'],
      },
    },
  },
  gmx: {
    asOf: SNAPSHOT_DATE,
    source: quoted(
      'SEC Consult’s SMTP smuggling research (December 2023, _spf.gmx.net) and a host(1) output of gmx.com',
    ),
    records: {
      '_spf.gmx.net': {
        txt: [
          'v=spf1 ip4:212.227.126.128/25 ip4:212.227.15.0/25 ip4:212.227.17.0/27 ip4:82.165.159.0/24 ip4:74.208.4.192/26 ip4:217.72.207.0/27 ip4:82.165.229.31 ip4:82.165.230.21 ip4:213.165.64.0/23 ip4:74.208.5.64/26 ~all',
        ],
      },
      'gmx.com': {
        txt: [
          'v=spf1 ip4:213.165.64.0/23 ip4:74.208.5.64/26 ip4:74.208.122.0/26 ip4:212.227.126.128/25 ip4:212.227.15.0/24 ip4:212.227.17.0/27 ip4:74.208.4.192/26 ip4:82.165.159.0/24 ip4:217.72.207.0/27 -all',
        ],
      },
    },
  },
  'amazon-ses': {
    asOf: SNAPSHOT_DATE,
    source: quoted('an nslookup of amazonses.com dated 2026-06-09'),
    records: {
      'amazonses.com': {
        txt: [
          'v=spf1 ip4:199.255.192.0/22 ip4:199.127.232.0/22 ip4:54.240.0.0/18 ip4:69.169.224.0/20 ip4:23.249.208.0/20 ip4:23.251.224.0/19 ip4:76.223.176.0/20 ip4:54.240.64.0/18 ip4:76.223.128.0/19 ip4:216.221.160.0/19 ip4:206.55.144.0/20 ip4:24.110.64.0/18 -all',
        ],
      },
    },
  },
  sendgrid: {
    asOf: SNAPSHOT_DATE,
    source: quoted('Mailtrap’s SPF guide (ab.sendgrid.net was not found)'),
    records: {
      'sendgrid.net': {
        txt: [
          'v=spf1 ip4:167.89.0.0/17 ip4:208.117.48.0/20 ip4:50.31.32.0/19 ip4:198.37.144.0/20 ip4:198.21.0.0/21 ip4:192.254.112.0/20 ip4:168.245.0.0/17 ip4:149.72.0.0/16 ip4:159.183.0.0/16 include:ab.sendgrid.net ~all',
        ],
      },
    },
  },
  mailchimp: {
    asOf: SNAPSHOT_DATE,
    source: quoted(
      'a dig of servers.mcsv.net (July 2020; the ranges are unchanged in later copies)',
    ),
    records: {
      'servers.mcsv.net': {
        txt: ['v=spf1 ip4:205.201.128.0/20 ip4:198.2.128.0/18 ip4:148.105.8.0/21 ?all'],
      },
    },
  },
  mandrill: {
    asOf: SNAPSHOT_DATE,
    source: quoted('a checkdmarc JSON report including spf.mandrillapp.com'),
    records: {
      'spf.mandrillapp.com': {
        txt: [
          'v=spf1 ip4:198.2.128.0/24 ip4:198.2.132.0/22 ip4:198.2.136.0/23 ip4:198.2.186.0/23 ip4:205.201.131.128/25 ip4:205.201.134.128/25 ip4:205.201.136.0/23 ip4:205.201.139.0/24 ip4:198.2.180.0/24 ip4:198.2.179.0/24 ip4:198.2.178.0/24 ip4:198.2.177.0/24 ~all',
        ],
      },
    },
  },
  mailgun: {
    asOf: SNAPSHOT_DATE,
    source: quoted('an SPF checker’s recursive dump including mailgun.org'),
    records: {
      'mailgun.org': {
        txt: ['v=spf1 include:_spf.mailgun.org include:_spf.eu.mailgun.org -all'],
      },
      '_spf.mailgun.org': {
        txt: [
          'v=spf1 ip4:209.61.151.0/24 ip4:166.78.68.0/22 ip4:198.61.254.0/23 ip4:192.237.158.0/23 ip4:23.253.182.0/23 ip4:104.130.96.0/28 ip4:146.20.113.0/24 ip4:146.20.191.0/24 ip4:159.135.224.0/20 ip4:69.72.32.0/20 ip4:104.130.122.0/23 ip4:146.20.112.0/26 ip4:161.38.192.0/20 ip4:143.55.224.0/21 ip4:143.55.232.0/22 ip4:159.112.240.0/20 ip4:198.244.48.0/20 ~all',
        ],
      },
      '_spf.eu.mailgun.org': {
        txt: [
          'v=spf1 ip4:141.193.32.0/23 ip4:159.135.140.80/29 ip4:159.135.132.128/25 ip4:161.38.204.0/22 ip4:87.253.232.0/21 ip4:185.189.236.0/22 ip4:185.211.120.0/22 ip4:185.250.236.0/22 ip4:143.55.236.0/22 ip4:198.244.60.0/22 ~all',
        ],
      },
    },
  },
  sparkpost: {
    asOf: SNAPSHOT_DATE,
    source: quoted('an SPF lookup service’s report listing the included sparkpostmail.com record'),
    records: {
      'sparkpostmail.com': { txt: ['v=spf1 exists:%{i}._spf.sparkpostmail.com ~all'] },
    },
  },
  mailjet: {
    asOf: SNAPSHOT_DATE,
    source: quoted('an SPF library’s evaluation trace of spf.mailjet.com'),
    records: {
      'spf.mailjet.com': {
        txt: [
          'v=spf1 ip4:178.33.111.144 ip4:178.33.137.208/28 ip4:178.33.221.0/24 ip4:37.59.69.128/25 ip4:37.59.249.0/24 ip4:87.253.232.0/21 ip4:185.189.236.0/22 ?all',
        ],
      },
    },
  },
  'constant-contact': {
    asOf: SNAPSHOT_DATE,
    source: quoted('a DNS report of constantcontact.com (_ext.constantcontact.com was not found)'),
    records: {
      'constantcontact.com': {
        txt: [
          'v=spf1 ip4:208.75.120.0/22 ip4:205.207.104.0/22 include:_ext.constantcontact.com include:_spf.salesforce.com include:_spf.google.com ~all',
        ],
      },
    },
  },
  salesforce: {
    asOf: SNAPSHOT_DATE,
    source: quoted('2026 SPF-tree analyses of domains that include _spf.salesforce.com'),
    records: {
      '_spf.salesforce.com': { txt: ['v=spf1 exists:%{i}._spf.mta.salesforce.com -all'] },
    },
  },
  exacttarget: {
    asOf: SNAPSHOT_DATE,
    source: quoted('an SPF checker’s example run including cust-spf.exacttarget.com'),
    records: {
      'cust-spf.exacttarget.com': {
        txt: [
          'v=spf1 ip4:64.132.92.0/24 ip4:64.132.88.0/23 ip4:66.231.80.0/20 ip4:68.232.192.0/20 ip4:199.122.120.0/21 ip4:207.67.38.0/24 ip4:128.17.0.0/20 ip4:128.17.64.0/20 ip4:128.17.128.0/20 ip4:128.17.192.0/20 ip4:128.245.0.0/20 ip4:128.245.64.0/20 ip4:128.245.242.0/24 ip4:128.245.243.0/24 ip4:128.245.244.0/24 ip4:128.245.245.0/24 ip4:128.245.246.0/24 ip4:128.245.247.0/24 ip4:128.245.176.0/20 ip4:207.67.98.192/27 ip4:207.250.68.0/24 ip4:209.43.22.0/28 ip4:198.245.80.0/20 ip4:136.147.128.0/20 ip4:136.147.176.0/20 ip4:13.111.0.0/16 ip4:161.71.32.0/19 ip4:161.71.64.0/20 ip4:13.110.208.0/21 ip4:13.110.216.0/22 ip4:13.110.224.0/20 ip4:159.92.157.0/24 ip4:159.92.158.0/24 ip4:159.92.159.0/24 ip4:159.92.160.0/24 ip4:159.92.161.0/24 ip4:159.92.162.0/24 -all',
        ],
      },
    },
  },
  facebook: {
    asOf: SNAPSHOT_DATE,
    source: quoted(
      'a resolver library’s documentation (_spf.facebook.com) and a host(1) output (facebookmail.com)',
    ),
    records: {
      '_spf.facebook.com': {
        txt: [
          'v=spf1 ip4:66.220.144.128/25 ip4:66.220.155.0/24 ip4:66.220.157.0/25 ip4:69.63.178.128/25 ip4:69.63.181.0/24 ip4:69.63.184.0/25 ip4:69.171.232.0/24 ip4:69.171.244.0/23 -all',
        ],
      },
      'facebookmail.com': {
        txt: [
          'v=spf1 ip4:66.220.144.128/25 ip4:66.220.155.0/24 ip4:66.220.157.0/25 ip4:69.63.178.128/25 ip4:69.63.181.0/24 ip4:69.63.184.0/25 ip4:69.171.232.0/24 ip4:69.171.244.0/23 -all',
        ],
      },
    },
  },
  linkedin: {
    asOf: SNAPSHOT_DATE,
    source: quoted('a table of large domains’ DNS records'),
    records: {
      'linkedin.com': { txt: ['v=spf1 include:spf.protection.outlook.com ~all'] },
    },
  },
  twitter: {
    asOf: SNAPSHOT_DATE,
    source: quoted(
      'DNS reports of twitter.com and x.com (their third-party includes were not found)',
    ),
    records: {
      'twitter.com': {
        txt: [
          'v=spf1 ip4:199.16.156.0/22 ip4:199.59.148.0/22 ip4:8.25.194.0/23 ip4:8.25.196.0/23 ip4:204.92.114.203 ip4:204.92.114.204/31 include:_spf.google.com include:_thirdparty.twitter.com -all',
        ],
      },
      'x.com': {
        txt: [
          'v=spf1 ip4:199.16.156.0/22 ip4:199.59.148.0/22 include:_spf.google.com include:_spf.salesforce.com include:_oerp.x.com include:phx1.rp.oracleemaildelivery.com include:iad1.rp.oracleemaildelivery.com -all',
        ],
      },
    },
  },
  amazon: {
    asOf: SNAPSHOT_DATE,
    source: quoted(
      'DNS reports of amazon.com and a list of published records (spf2.amazon.com was not found)',
    ),
    records: {
      'amazon.com': {
        txt: ['v=spf1 include:spf1.amazon.com include:spf2.amazon.com include:amazonses.com -all'],
      },
      'spf1.amazon.com': {
        txt: [
          'v=spf1 ip4:207.171.160.0/19 ip4:87.238.80.0/21 ip4:72.21.192.0/19 ip4:194.154.193.192/27 ip4:194.7.41.152/28 ip4:212.123.28.40/32 ip4:203.81.17.0/24 ip4:178.236.10.128/26 ip4:52.94.124.0/28 ip4:99.78.197.208/28 ip4:52.119.213.144/28 -all',
        ],
      },
    },
  },
  ebay: {
    asOf: SNAPSHOT_DATE,
    source: quoted('a zone dump of ebay.com (its *._spf.ebay.com records were not found)'),
    records: {
      'ebay.com': {
        txt: [
          'v=spf1 mx include:s._spf.ebay.com include:c._spf.ebay.com include:p._spf.ebay.com include:p2._spf.ebay.com include:sendgrid.net include:pp._spf.paypal.com ~all',
        ],
      },
    },
  },
  paypal: {
    asOf: SNAPSHOT_DATE,
    source: quoted(
      'a 2026 DNS report of paypal.com (its *._spf.paypal.com records were not found)',
    ),
    records: {
      'paypal.com': {
        txt: [
          'v=spf1 include:pp._spf.paypal.com include:3ph1._spf.paypal.com include:3ph2._spf.paypal.com include:3ph3._spf.paypal.com include:3ph4._spf.paypal.com include:sendgrid.net include:aspmx.pardot.com ~all',
        ],
      },
    },
  },
  github: {
    asOf: SNAPSHOT_DATE,
    source: quoted('recent DNS tool outputs for github.com'),
    records: {
      'github.com': { txt: ['v=spf1 ip4:192.30.252.0/22 include:_netblocks.google.com ~all'] },
    },
  },
  zendesk: {
    asOf: SNAPSHOT_DATE,
    source: quoted('a dig of mail.zendesk.com in a mail-checking script’s output'),
    records: {
      'mail.zendesk.com': {
        txt: [
          'v=spf1 ip4:192.161.144.0/20 ip4:185.12.80.0/22 ip4:96.46.150.192/27 ip4:174.137.46.0/24 ip4:188.172.128.0/20 ip4:216.198.0.0/18 ~all',
        ],
      },
    },
  },
};
