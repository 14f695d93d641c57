// Greylisting decided with postgrey's semantics, on a fake clock (whole seconds).

import { describe, expect, it } from 'vitest';
import { decide, tripletKey, type GreylistConfig } from '../../../core/greylist/decide';
import { normalizeSender } from '../../../core/greylist/normalize-sender';
import { MemoryGreylistStore } from '../../../core/greylist/state';

const POSTGREY: GreylistConfig = {
  delaySeconds: 300,
  retryWindowSeconds: 2 * 86400,
  maxAgeSeconds: 35 * 86400,
  autoWhitelistAfter: 5,
};
const t = { clientNet: '192.0.2.0/24', sender: 'alice@example.org', recipient: 'bob@example.net' };

describe('greylisting state machine', () => {
  it('first try → new; early retry → missing seconds; after the delay → pass once with the delay, then plain pass', () => {
    const s = new MemoryGreylistStore();
    expect(decide(s, t, POSTGREY, 1000)).toMatchObject({ action: 'greylist', reason: 'new' });
    expect(decide(s, t, POSTGREY, 1100)).toMatchObject({
      action: 'greylist',
      reason: 'early-retry',
      missingSeconds: 200,
    });
    expect(decide(s, t, POSTGREY, 1299)).toMatchObject({
      action: 'greylist',
      reason: 'early-retry',
      missingSeconds: 1,
    });
    expect(decide(s, t, POSTGREY, 1300)).toMatchObject({
      action: 'pass',
      reason: 'triplet-found',
      delaySeconds: 300,
      firstPass: true,
    });
    expect(decide(s, t, POSTGREY, 5000)).toMatchObject({
      action: 'pass',
      reason: 'triplet-found',
      firstPass: false,
    });
  });

  it('a first retry after the retry window starts over; a triplet that passed keeps passing', () => {
    const s = new MemoryGreylistStore();
    decide(s, t, POSTGREY, 0);
    expect(decide(s, t, POSTGREY, 2 * 86400 + 1)).toMatchObject({
      action: 'greylist',
      reason: 'retry-window-expired',
    });
    expect(decide(s, t, POSTGREY, 2 * 86400 + 400)).toMatchObject({
      action: 'pass',
      firstPass: true,
    });
    expect(decide(s, t, POSTGREY, 10 * 86400)).toMatchObject({ action: 'pass', firstPass: false });
  });

  it('forgets triplets unseen for longer than max-age', () => {
    const s = new MemoryGreylistStore();
    decide(s, t, POSTGREY, 0);
    decide(s, t, POSTGREY, 400);
    expect(decide(s, t, POSTGREY, 400 + 35 * 86400 + 1)).toMatchObject({
      action: 'greylist',
      reason: 'new',
    });
  });

  it('auto-whitelists a client after N deliveries counted at most once an hour', () => {
    const s = new MemoryGreylistStore();
    let now = 0;
    // Five different triplets from the same network, each waiting out the delay, an hour apart.
    for (let i = 0; i < 5; i++) {
      const ti = { ...t, recipient: `user${i}@example.net` };
      decide(s, ti, POSTGREY, now);
      decide(s, ti, POSTGREY, now + 300);
      now += 3600;
    }
    expect(s.getClient('192.0.2.0/24')).toEqual({ count: 5, lastCounted: 4 * 3600 + 300 });
    expect(decide(s, { ...t, recipient: 'never-seen@example.net' }, POSTGREY, now)).toMatchObject({
      action: 'pass',
      reason: 'client-awl',
      passes: 5,
    });
    // Several passes within an hour count once.
    const s2 = new MemoryGreylistStore();
    for (let i = 0; i < 5; i++) {
      const ti = { ...t, recipient: `u${i}@example.net` };
      decide(s2, ti, POSTGREY, i);
      decide(s2, ti, POSTGREY, 300 + i);
    }
    expect(s2.getClient('192.0.2.0/24')?.count).toBe(1);
    expect(
      decide(s2, { ...t, recipient: 'x@example.net' }, { ...POSTGREY, autoWhitelistAfter: 0 }, 999),
    ).toMatchObject({ action: 'greylist' });
  });

  it('counts auto-whitelisting per client address, as postgrey, even with triplets per network', () => {
    const s = new MemoryGreylistStore();
    const at = (clientAddress: string, recipient: string) => ({ ...t, clientAddress, recipient });
    const awl1 = { ...POSTGREY, autoWhitelistAfter: 1 };
    decide(s, at('192.0.2.10', 'a@example.net'), awl1, 0);
    decide(s, at('192.0.2.10', 'a@example.net'), awl1, 400);
    expect(decide(s, at('192.0.2.11', 'b@example.net'), awl1, 500)).toMatchObject({
      action: 'greylist',
      reason: 'new',
    });
    expect(decide(s, at('192.0.2.10', 'c@example.net'), awl1, 600)).toMatchObject({
      action: 'pass',
      reason: 'client-awl',
    });
  });

  it('peeking answers without recording anything', () => {
    const s = new MemoryGreylistStore();
    expect(decide(s, t, POSTGREY, 0, true)).toMatchObject({ action: 'greylist', reason: 'new' });
    expect(s.triplets.size).toBe(0);
    decide(s, t, POSTGREY, 0);
    expect(decide(s, t, POSTGREY, 400, true)).toMatchObject({ action: 'pass', firstPass: true });
    expect(decide(s, t, POSTGREY, 401)).toMatchObject({ action: 'pass', firstPass: true });
  });

  it('keys triplets lower-cased, as postgrey does', () => {
    expect(
      tripletKey({
        clientNet: '192.0.2.0/24',
        sender: 'Alice@Example.ORG',
        recipient: 'BOB@example.net',
      }),
    ).toBe('192.0.2.0/24/alice@example.org/bob@example.net');
  });
});

describe('sender normalisation', () => {
  const all = { batv: true, plusExtension: true, verpDigits: true };
  const cases: [string, string][] = [
    ['prvs=1234abcdef=alice@example.org', 'alice@example.org'],
    ['msprvs1=18abc=alice@example.org', 'alice@example.org'],
    ['alice+newsletter@example.org', 'alice@example.org'],
    ['bounce-12345-67890@lists.example.org', 'bounce-#-#@lists.example.org'],
    // As postgrey 1.37 (s/\b\d+\b/#/g, and prvs= in either order): measured by the conformance suite.
    ['user123@lists.example.org', 'user123@lists.example.org'],
    ['prvs=alice=1234abcdef@example.org', 'alice@example.org'],
    ['prvs=0123456789=bounces+5551212-abc@mailer.example', 'bounces@mailer.example'],
    ['<Alice@Example.Org>', 'alice@example.org'],
    ['', ''],
  ];
  for (const [input, out] of cases)
    it(`${input || '(null sender)'} → ${out || '(null sender)'}`, () =>
      expect(normalizeSender(input, all)).toBe(out));

  it('each normalisation can be turned off', () => {
    expect(
      normalizeSender('prvs=1=a+b-12@x.example', {
        batv: false,
        plusExtension: false,
        verpDigits: false,
      }),
    ).toBe('prvs=1=a+b-12@x.example');
    expect(
      normalizeSender('a+b-12@x.example', { batv: true, plusExtension: false, verpDigits: true }),
    ).toBe('a+b-#@x.example');
  });
});
