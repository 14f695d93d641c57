// The cloud-sender catalog the project maintains: large mail providers whose retries come from
// pools of addresses (the peers' most common complaint, shared/reference/FORMATS.md), with the
// SPF names to expand, host-name suffixes where no ranges are published, and notes. SPF names
// were taken from the providers' setup instructions and from their published records as quoted
// in public material (see snapshot.ts for each record's source). Bump CATALOG_VERSION with every
// change; users add their own providers in the app (stored apart, never here).
// Runtime: pure (data).

import type { ProviderInput } from './provider-schema';

export const CATALOG_VERSION = '2026.11.1';

export const CATALOG: readonly ProviderInput[] = [
  // --- webmail and hosted mailboxes -------------------------------------------------------
  {
    id: 'google',
    name: 'Google (Gmail, Workspace)',
    category: 'webmail',
    spf: ['_spf.google.com'],
    alsoOwns: ['_netblocks.google.com', '_netblocks2.google.com', '_netblocks3.google.com'],
    notes:
      'gmail.com redirects to _spf.google.com, which Workspace customers include. Since 2025 it lists every range itself; before, it included _netblocks, _netblocks2 and _netblocks3.google.com.',
    docs: 'https://support.google.com/a/answer/33786',
  },
  {
    id: 'microsoft',
    name: 'Microsoft 365 / Outlook.com',
    category: 'webmail',
    spf: ['spf.protection.outlook.com'],
    hostnames: ['outbound.protection.outlook.com'],
    alsoOwns: ['spfd.protection.outlook.com'],
    notes:
      'Exchange Online Protection sends for Microsoft 365 tenants and for consumer outlook.com/hotmail.com (whose own records include spf.protection.outlook.com). Its hosts are named *.outbound.protection.outlook.com.',
    docs: 'https://learn.microsoft.com/en-us/defender-office-365/email-authentication-spf-configure',
  },
  {
    id: 'yahoo',
    name: 'Yahoo Mail (and AOL)',
    category: 'webmail',
    spf: ['_spf.mail.yahoo.com'],
    notes:
      'yahoo.com redirects to _spf.mail.yahoo.com, which publishes ptr:yahoo.com and ptr:yahoo.net: no ranges. Its senders are recognised by forward-confirmed host name. AOL mail is sent by Yahoo.',
  },
  {
    id: 'apple',
    name: 'Apple iCloud Mail',
    category: 'webmail',
    spf: ['icloud.com'],
    notes: 'Custom-domain iCloud Mail users include icloud.com; it lists IPv4 and IPv6 ranges.',
  },
  {
    id: 'zoho',
    name: 'Zoho Mail',
    category: 'webmail',
    spf: ['zoho.com'],
    notes:
      'Regional data centres publish their own names (zoho.eu, zoho.in, ...): add them as your own provider when your correspondents use them.',
  },
  {
    id: 'fastmail',
    name: 'Fastmail',
    category: 'webmail',
    spf: ['spf.messagingengine.com'],
    hostnames: ['messagingengine.com'],
    notes:
      'Fastmail customers include spf.messagingengine.com; its hosts are *.messagingengine.com.',
  },
  {
    id: 'proton',
    name: 'Proton Mail',
    category: 'webmail',
    spf: ['_spf.protonmail.ch'],
    notes: '_spf.protonmail.ch includes _spf2.protonmail.ch.',
  },
  {
    id: 'gmx',
    name: 'GMX / mail.com / web.de',
    category: 'webmail',
    spf: ['_spf.gmx.net', 'gmx.com'],
    notes:
      'United Internet’s mailboxes (GMX, mail.com, web.de) share one sending network; gmx.net includes _spf.gmx.net, gmx.com lists its ranges itself.',
  },
  {
    id: 'yandex',
    name: 'Yandex Mail',
    category: 'webmail',
    spf: ['_spf.yandex.net'],
    notes: 'Yandex 360 customers include _spf.yandex.net.',
  },
  // --- bulk and transactional --------------------------------------------------------------
  {
    id: 'amazon-ses',
    name: 'Amazon SES',
    category: 'bulk',
    spf: ['amazonses.com'],
    hostnames: ['smtp-out.amazonses.com'],
    notes:
      'The default MAIL FROM is a subdomain of amazonses.com; custom MAIL FROM domains include amazonses.com. Hosts are named a*.smtp-out.amazonses.com.',
    docs: 'https://docs.aws.amazon.com/ses/latest/dg/send-email-authentication-spf.html',
  },
  {
    id: 'sendgrid',
    name: 'SendGrid (Twilio)',
    category: 'bulk',
    spf: ['sendgrid.net'],
    notes: 'sendgrid.net includes ab.sendgrid.net.',
  },
  {
    id: 'mailchimp',
    name: 'Mailchimp',
    category: 'bulk',
    spf: ['servers.mcsv.net'],
    hostnames: ['mcsv.net', 'rsgsv.net'],
    notes: 'Campaigns are sent from *.mcsv.net and *.rsgsv.net hosts listed in servers.mcsv.net.',
  },
  {
    id: 'mandrill',
    name: 'Mandrill (Mailchimp Transactional)',
    category: 'bulk',
    spf: ['spf.mandrillapp.com'],
    hostnames: ['mandrillapp.com'],
  },
  {
    id: 'mailgun',
    name: 'Mailgun',
    category: 'bulk',
    spf: ['mailgun.org'],
    notes: 'mailgun.org includes _spf.mailgun.org (US) and _spf.eu.mailgun.org (EU).',
  },
  {
    id: 'sparkpost',
    name: 'SparkPost (Bird)',
    category: 'bulk',
    spf: ['sparkpostmail.com'],
    notes:
      'sparkpostmail.com authorises senders with exists:%{i}._spf.sparkpostmail.com: a per-address DNS question, not a list of ranges. Whitelisting needs its customers’ own ranges or DNSWL weights.',
  },
  {
    id: 'postmark',
    name: 'Postmark',
    category: 'bulk',
    spf: ['spf.mtasv.net'],
    hostnames: ['mtasv.net'],
  },
  {
    id: 'mailjet',
    name: 'Mailjet',
    category: 'bulk',
    spf: ['spf.mailjet.com'],
  },
  {
    id: 'brevo',
    name: 'Brevo (Sendinblue)',
    category: 'bulk',
    spf: ['spf.sendinblue.com'],
    hostnames: ['sendinblue.com'],
  },
  {
    id: 'constant-contact',
    name: 'Constant Contact',
    category: 'bulk',
    spf: ['constantcontact.com'],
    notes:
      'constantcontact.com lists its own ranges and includes _ext.constantcontact.com, Salesforce and Google (the last two are listed under those providers).',
  },
  {
    id: 'salesforce',
    name: 'Salesforce',
    category: 'saas',
    spf: ['_spf.salesforce.com'],
    alsoOwns: ['aspmx.pardot.com', '_spf.mta.salesforce.com'],
    notes:
      '_spf.salesforce.com authorises with exists:%{i}._spf.mta.salesforce.com: not expandable to ranges.',
  },
  {
    id: 'exacttarget',
    name: 'Salesforce Marketing Cloud (ExactTarget)',
    category: 'bulk',
    spf: ['cust-spf.exacttarget.com'],
    hostnames: ['exacttarget.com'],
  },
  // --- social and commerce -----------------------------------------------------------------
  {
    id: 'facebook',
    name: 'Facebook / Instagram (Meta)',
    category: 'social',
    spf: ['_spf.facebook.com', 'facebookmail.com'],
    notes:
      'facebook.com redirects to _spf.facebook.com; notifications come from facebookmail.com, which mail.instagram.com includes.',
  },
  {
    id: 'linkedin',
    name: 'LinkedIn',
    category: 'social',
    spf: ['linkedin.com'],
    notes: 'linkedin.com includes spf.protection.outlook.com (listed under Microsoft).',
  },
  {
    id: 'twitter',
    name: 'X (Twitter)',
    category: 'social',
    spf: ['twitter.com', 'x.com'],
    notes:
      'Both names list 199.16.156.0/22 and 199.59.148.0/22 and include Google (listed under Google) and third parties.',
  },
  {
    id: 'amazon',
    name: 'Amazon (retail)',
    category: 'commerce',
    spf: ['amazon.com'],
    notes: 'amazon.com includes spf1.amazon.com, spf2.amazon.com and amazonses.com (Amazon SES).',
  },
  {
    id: 'ebay',
    name: 'eBay',
    category: 'commerce',
    spf: ['ebay.com'],
    notes:
      'ebay.com includes several *._spf.ebay.com names, SendGrid and PayPal (listed under those), and authorises its own MX hosts.',
  },
  {
    id: 'paypal',
    name: 'PayPal',
    category: 'commerce',
    spf: ['paypal.com'],
    alsoOwns: [
      'pp._spf.paypal.com',
      '3ph1._spf.paypal.com',
      '3ph2._spf.paypal.com',
      '3ph3._spf.paypal.com',
      '3ph4._spf.paypal.com',
    ],
    notes:
      'paypal.com includes pp._spf.paypal.com and 3ph1–3ph4._spf.paypal.com (third parties), SendGrid and Pardot.',
  },
  // --- hosting and SaaS --------------------------------------------------------------------
  {
    id: 'ovh',
    name: 'OVHcloud',
    category: 'hosting',
    hostnames: ['mail-out.ovh.net'],
    notes:
      'OVH publishes no usable SPF list for its shared platform; its outgoing servers are named *.mo*.mail-out.ovh.net and are recognised by forward-confirmed host name.',
  },
  {
    id: 'github',
    name: 'GitHub',
    category: 'saas',
    spf: ['github.com'],
    notes:
      'Notifications come from 192.30.252.0/22 (out-*.smtp.github.com); github.com also includes Google’s netblocks (listed under Google).',
  },
  {
    id: 'zendesk',
    name: 'Zendesk',
    category: 'saas',
    spf: ['mail.zendesk.com'],
  },
  {
    id: 'atlassian',
    name: 'Atlassian (Jira, Confluence)',
    category: 'saas',
    spf: ['_spf.atlassian.net'],
  },
  {
    id: 'messagelabs',
    name: 'Broadcom Email Security.cloud (MessageLabs)',
    category: 'security',
    spf: ['spf.messagelabs.com'],
    notes: 'A filtering service: mail relayed for its customers comes from these ranges.',
  },
  {
    id: 'mimecast',
    name: 'Mimecast',
    category: 'security',
    spf: ['_netblocks.mimecast.com'],
    notes:
      'Regional names (us._netblocks.mimecast.com, eu._netblocks.mimecast.com, ...) exist too.',
  },
];
