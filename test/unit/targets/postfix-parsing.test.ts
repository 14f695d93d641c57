// Parsing what Postfix's own tools print: postconf, postconf -M, restriction lists, DNSBL sites.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDnsblSite, parseDnsblSites } from '../../../core/targets/postfix/dnsbl-sites';
import { parseMasterCf } from '../../../core/targets/postfix/master-cf';
import { parsePostconf, splitList } from '../../../core/targets/postfix/postconf-output';
import { parseRestrictions } from '../../../core/targets/postfix/restrictions';

describe('postconf output', () => {
  it('reads name = value lines, empty values and continuation lines', () => {
    const text = [
      'mail_version = 3.7.11',
      'relayhost =',
      'smtpd_recipient_restrictions = permit_mynetworks,',
      '    reject_unauth_destination',
      '',
    ].join('\n');
    expect(parsePostconf(text)).toEqual({
      mail_version: '3.7.11',
      relayhost: '',
      smtpd_recipient_restrictions: 'permit_mynetworks, reject_unauth_destination',
    });
    expect(splitList('a, b\tc ,,d')).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('master.cf (postconf -M)', () => {
  it('reads services, commands and -o overrides', () => {
    const text = [
      '127.0.0.1:2601 inet  n       -       y       -       1       postscreen',
      'smtpd      pass  -       -       y       -       -       smtpd',
      '127.0.0.1:2501 inet n - y - - smtpd -o smtpd_recipient_restrictions=permit_mynetworks,reject -o syslog_name=postfix/submission',
      'dnsblog    unix  -       -       y       -       0       dnsblog',
      '# a comment',
      'broken line',
    ].join('\n');
    const entries = parseMasterCf(text);
    expect(entries.map((e) => [e.service, e.type, e.command])).toEqual([
      ['127.0.0.1:2601', 'inet', 'postscreen'],
      ['smtpd', 'pass', 'smtpd'],
      ['127.0.0.1:2501', 'inet', 'smtpd'],
      ['dnsblog', 'unix', 'dnsblog'],
    ]);
    expect(entries[2]?.overrides).toEqual({
      smtpd_recipient_restrictions: 'permit_mynetworks,reject',
      syslog_name: 'postfix/submission',
    });
  });
});

describe('restriction lists', () => {
  it('pairs restrictions with their arguments', () => {
    expect(
      parseRestrictions(
        'permit_mynetworks, reject_unauth_destination, check_client_access cidr:/etc/postfix/x.cidr, reject_rbl_client zen.spamhaus.org=127.0.0.[2..11], check_policy_service inet:127.0.0.1:10023, permit',
      ),
    ).toEqual([
      { name: 'permit_mynetworks' },
      { name: 'reject_unauth_destination' },
      { name: 'check_client_access', arg: 'cidr:/etc/postfix/x.cidr' },
      { name: 'reject_rbl_client', arg: 'zen.spamhaus.org=127.0.0.[2..11]' },
      { name: 'check_policy_service', arg: 'inet:127.0.0.1:10023' },
      { name: 'permit' },
    ]);
    expect(parseRestrictions('')).toEqual([]);
  });
});

describe('DNSBL sites', () => {
  it('reads the mailcow production weights from FORMATS.md', () => {
    const sites = parseDnsblSites(
      'zen.spamhaus.org=127.0.0.[10;11]*8, zen.spamhaus.org=127.0.0.[4..7]*6, zen.spamhaus.org=127.0.0.3*4, zen.spamhaus.org=127.0.0.2*3, b.barracudacentral.org=127.0.0.2*7, bl.spamcop.net*2, list.dnswl.org=127.0.[0..255].3*-8',
    );
    expect(sites).toEqual([
      { zone: 'zen.spamhaus.org', filter: '127.0.0.[10;11]', weight: 8 },
      { zone: 'zen.spamhaus.org', filter: '127.0.0.[4..7]', weight: 6 },
      { zone: 'zen.spamhaus.org', filter: '127.0.0.3', weight: 4 },
      { zone: 'zen.spamhaus.org', filter: '127.0.0.2', weight: 3 },
      { zone: 'b.barracudacentral.org', filter: '127.0.0.2', weight: 7 },
      { zone: 'bl.spamcop.net', weight: 2 },
      { zone: 'list.dnswl.org', filter: '127.0.[0..255].3', weight: -8 },
    ]);
  });

  it('defaults the weight to 1 and refuses malformed weights', () => {
    expect(parseDnsblSite('bl.example')).toEqual({ zone: 'bl.example', weight: 1 });
    expect(() => parseDnsblSite('bl.example*x')).toThrow(/whole number/);
    expect(() => parseDnsblSite('=127.0.0.2')).toThrow(/no DNS zone/);
  });

  it('round-trips any zone, filter and weight (property)', () => {
    const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?$/);
    fc.assert(
      fc.property(
        fc.array(label, { minLength: 2, maxLength: 4 }),
        fc.option(fc.constantFrom('127.0.0.2', '127.0.0.[2..11]', '127.0.[0..255].[1;2;3]'), {
          nil: undefined,
        }),
        fc.integer({ min: -20, max: 20 }),
        (labels, filter, weight) => {
          const zone = labels.join('.');
          const text = `${zone}${filter ? `=${filter}` : ''}*${weight}`;
          expect(parseDnsblSite(text)).toEqual(
            filter ? { zone, filter, weight } : { zone, weight },
          );
        },
      ),
    );
  });
});
