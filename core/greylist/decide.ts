// Where greylisting is decided: postgrey's semantics on a triplet (client network, normalised
// sender, recipient). New or early → greylist; after the delay → pass (the first pass says how
// long it was delayed); a first retry later than the retry window starts over; entries unseen
// longer than max-age are forgotten; a client with N successful deliveries (counted at most once
// an hour, per client address even when triplets are per network) is auto-whitelisted.
// Runtime: pure.

import type { GreylistStore, TripletState } from './state';

export interface GreylistConfig {
  delaySeconds: number;
  retryWindowSeconds: number;
  maxAgeSeconds: number;
  /** 0 = no auto-whitelisting. */
  autoWhitelistAfter: number;
}

export type GreylistDecision =
  | { action: 'greylist'; reason: 'new'; triplet: string }
  | { action: 'greylist'; reason: 'early-retry'; missingSeconds: number; triplet: string }
  | { action: 'greylist'; reason: 'retry-window-expired'; triplet: string }
  | {
      action: 'pass';
      reason: 'triplet-found';
      delaySeconds: number;
      firstPass: boolean;
      triplet: string;
    }
  | { action: 'pass'; reason: 'client-awl'; passes: number; triplet: string };

export interface TripletInput {
  /** e.g. 192.0.2.0/24 or 2001:db8::/64, or the address itself with per-host greylisting. */
  clientNet: string;
  /**
   * The client's own address. postgrey keys its auto-whitelist by it (`$cawl_key =
   * client_address_ip->addr()`), not by the network the triplet uses; without it, the network.
   */
  clientAddress?: string;
  /** Already normalised (see normalize-sender.ts). */
  sender: string;
  recipient: string;
}

export const tripletKey = (t: TripletInput): string =>
  `${t.clientNet}/${t.sender}/${t.recipient}`.toLowerCase();

const HOUR = 3600;

/**
 * Decides, and records the new state unless `peek` (Check IP asks "what would happen" without
 * changing what the next real attempt will see).
 */
export function decide(
  store: GreylistStore,
  input: TripletInput,
  config: GreylistConfig,
  nowSeconds: number,
  peek = false,
): GreylistDecision {
  const now = Math.floor(nowSeconds);
  const key = tripletKey(input);
  const awlKey = (input.clientAddress ?? input.clientNet).toLowerCase();

  if (config.autoWhitelistAfter > 0) {
    const client = store.getClient(awlKey);
    if (client && now - client.lastCounted > config.maxAgeSeconds) {
      /* forgotten: falls through to the triplet */
    } else if (client && client.count >= config.autoWhitelistAfter) {
      if (!peek && now - client.lastCounted >= HOUR)
        store.setClient(awlKey, { count: client.count + 1, lastCounted: now });
      return { action: 'pass', reason: 'client-awl', passes: client.count, triplet: key };
    }
  }

  let state: TripletState | undefined = store.getTriplet(key);
  let reasonIfNew: 'new' | 'retry-window-expired' = 'new';
  if (state && now - state.last > config.maxAgeSeconds) state = undefined;
  if (state && !state.passed && now - state.first > config.retryWindowSeconds) {
    state = undefined;
    reasonIfNew = 'retry-window-expired';
  }

  if (!state) {
    if (!peek) store.setTriplet(key, { first: now, last: now, passed: false });
    return reasonIfNew === 'new'
      ? { action: 'greylist', reason: 'new', triplet: key }
      : { action: 'greylist', reason: 'retry-window-expired', triplet: key };
  }

  const waited = now - state.first;
  if (waited < config.delaySeconds && !state.passed) {
    if (!peek) store.setTriplet(key, { ...state, last: now });
    return {
      action: 'greylist',
      reason: 'early-retry',
      missingSeconds: config.delaySeconds - waited,
      triplet: key,
    };
  }

  const firstPass = !state.passed;
  if (!peek) {
    store.setTriplet(key, { first: state.first, last: now, passed: true });
    // postgrey counts a delivery when a triplet passes for the first time, not on later passes.
    if (config.autoWhitelistAfter > 0 && firstPass) {
      const client = store.getClient(awlKey);
      if (!client || now - client.lastCounted >= HOUR)
        store.setClient(awlKey, { count: (client?.count ?? 0) + 1, lastCounted: now });
    }
  }
  return { action: 'pass', reason: 'triplet-found', delaySeconds: waited, firstPass, triplet: key };
}
