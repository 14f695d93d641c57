// What the matrix is made of: a phase (one policy compiled onto one server) and its cases (one
// SMTP attempt each, compared with the engine). Cases of the same client (or flow) run one after
// another in the order written — postgrey counts attempts and postscreen remembers passes, so
// their order is part of the input; different clients run concurrently. Runtime: pure.

import type { Policy } from '../../core/policy/schema';
import { clientByName, poolAddress } from '../lab/index';

export interface Attempt {
  /** The client's source address (anything in 127.0.0.0/8 except 127.0.0.1, which is mynetworks). */
  address: string;
  helo: string;
  sender: string;
  recipient: string;
  /** Talk before the banner (postscreen's pregreet test). */
  pregreet?: boolean;
}

export interface Case {
  /** What is being shown, e.g. "zen 127.0.0.4 at the threshold". */
  label: string;
  attempt: Attempt;
  /** Wait this long after the previous case of the same flow ended (greylisting retries). */
  waitMs?: number;
  /**
   * Cases of one flow run one after another, in order: by default a flow is a client address;
   * a name joins several addresses (a retry from a neighbour in the same network).
   */
  flow?: string;
}

export interface Phase {
  /** Unique, e.g. "mx1-weights". */
  id: string;
  server: 'mx1' | 'mx2' | 'mx3';
  about: string;
  policy: Policy;
  cases: Case[];
}

/** The domain of the lab servers' mailboxes (alice, bob, postmaster, abuse): unknown users bounce. */
export const LOCAL = 'lab.example';

let serial = 0;

/**
 * A word of letters only, different on every call: triplets must differ per case, and postgrey
 * rewrites digit runs in senders (VERP), so digits would not make them different.
 */
export function tag(): string {
  let n = serial++;
  let s = '';
  do {
    s = String.fromCharCode(97 + (n % 26)) + s;
    n = Math.floor(n / 26);
  } while (n > 0);
  return `t${s}`;
}

/** A fresh, unlisted address without PTR (postscreen and postgrey have not seen it). */
export const fresh = (): string => poolAddress('clean');
/** A fresh address inside the network zen.lab.example lists with 127.0.0.4. */
export const freshListed = (): string => poolAddress('listed');
/** A fresh address listed only in the slow list. */
export const freshSlow = (): string => poolAddress('slow');
/** A named client of the lab's Internet (its PTR, listings, HELO and sender are described there). */
export const named = (name: string): string => clientByName(name).address;

/**
 * Addresses in 127.98.0.0/16 (unlisted, no PTR) chosen by the test: for networks a policy names.
 * `net` is the third octet.
 */
export const inNet = (net: number, host: number): string => `127.98.${net}.${host}`;

/** An attempt with everyday defaults: a fully-qualified HELO, a unique sender, alice+tag. */
export function attempt(address: string, over: Partial<Attempt> = {}): Attempt {
  const t = tag();
  return {
    address,
    helo: 'mail.sender.example',
    sender: `${t}@sender.example`,
    recipient: `alice+${t}@${LOCAL}`,
    ...over,
  };
}

/** A named client's own HELO and a unique sender of its domain. */
export function namedAttempt(name: string, over: Partial<Attempt> = {}): Attempt {
  const c = clientByName(name);
  const domain = c.mailFrom.split('@')[1] ?? 'sender.example';
  return attempt(c.address, { helo: c.helo, sender: `${tag()}@${domain}`, ...over });
}
