// The review queue as it crosses the API: rejected and deferred senders grouped by provider,
// sender organisation or client network, the evidence that they were wanted, the admin's
// decisions (whitelist with a precision, dismiss as spam) and their undo, greylisting delays.
// Runtime: types only.

import type { CheckReport } from './check';

export type ReviewGroupKind = 'provider' | 'domain' | 'network';

/** How narrowly a whitelist entry matches. */
export type WhitelistPrecision = 'address' | 'network' | 'hostname' | 'sender-domain' | 'provider';

/** What a review whitelist skips: greylisting, the DNS lists (and postscreen's tests), or all. */
export type ReviewScope = 'greylisting' | 'dnsbl' | 'all';

/** One client address and sender domain of an item: the unit evidence and marks are kept for. */
export interface ReviewPair {
  client: string;
  senderDomain: string;
}

export interface ReviewEvidenceSummary {
  fcrdns?: string;
  spfPass?: string;
  provider?: string;
  pool?: { addresses: number; organisation?: string };
  laterAccepted: number;
}

export interface ReviewItem {
  /** Stable across queries: 'provider:google', 'domain:shared.example', 'network:192.0.2.0/24'. */
  key: string;
  kind: ReviewGroupKind;
  label: string;
  provider?: { id: string; name: string };
  senderDomain?: string;
  /** The client network (/24 for IPv4, /64 for IPv6) of the most rejected client. */
  network: string;
  clients: { address: string; name: string | null; count: number }[];
  senders: string[];
  pairs: ReviewPair[];
  /** Rejections and deferrals (greylisting aside) in the range. */
  count: number;
  firstSeen: number;
  lastSeen: number;
  servers: { id: number | null; name: string }[];
  rules: { rule: string; label: string; count: number }[];
  /** The best evidence among its pairs. */
  score: number;
  likely: boolean;
  reasons: string[];
  evidence: ReviewEvidenceSummary;
  /** Pairs whose evidence is still being gathered. */
  pending: number;
  /** The decision in force, when there is one. */
  decision?: ReviewDecisionInfo;
  /** The whitelist precisions it allows, narrowest first, each with the entry it would add. */
  precisions: ReviewPrecision[];
}

export interface ReviewPrecision {
  precision: WhitelistPrecision;
  value: string;
  words: string;
}

export interface ReviewDecisionInfo {
  id: number;
  kind: 'whitelist' | 'dismiss';
  /** In words: "Whitelisted shared.example when SPF passes (skip all checks)". */
  summary: string;
  versionId?: number;
  at: number;
  actor: string;
}

export interface ReviewQueueRequest {
  from: number;
  to: number;
  /** open (default): undecided items; decided: items with a decision; all. */
  status?: 'open' | 'decided' | 'all';
  limit?: number;
}

export interface ReviewQueue {
  items: ReviewItem[];
  /** Items in the range before the status filter and limit. */
  total: number;
  /** Items with a decision in the range. */
  decided: number;
  /** Evidence still being gathered for some pairs (the queue reorders as it arrives). */
  pending: number;
}

export interface ReviewSample {
  time: number;
  server: string;
  rule: string;
  client: string;
  sender: string | null;
  recipient: string | null;
  /** The log line as the server wrote it (absent for statistics imported before v8). */
  line: string | null;
}

export interface ReviewItemDetail {
  item: ReviewItem;
  samples: ReviewSample[];
  /** Check IP for the most rejected client with its sender, under the current policy. */
  check?: Pick<CheckReport, 'address' | 'verdict' | 'policy' | 'notes'> & {
    sender?: string;
    /** Evaluated as this server filters (the first that refused it). */
    server?: string;
    /** Still refused today? */
    stillRefused: boolean;
  };
  checkError?: string;
  /** The precisions offered, each with the entry it would add. */
  precisions: ReviewPrecision[];
}

export interface ReviewWhitelistItem {
  key: string;
  label: string;
  precision: WhitelistPrecision;
  /** The address, network, host-name suffix, sender domain or provider id. */
  value: string;
  /** The pairs marked as wanted (confirmed false positives). */
  pairs: ReviewPair[];
}

export interface ReviewWhitelistRequest {
  items: ReviewWhitelistItem[];
  scope: ReviewScope;
  /** YYYY-MM-DD: the entries stop applying after this day. */
  expires?: string;
  note?: string;
}

export interface ReviewChange {
  decisionIds: number[];
  versionId?: number;
  message: string;
  /** The servers that rejected the items (offer to push to these, or to all). */
  pushServerIds: number[];
}

export interface ReviewDismissRequest {
  items: { key: string; label: string; pairs: ReviewPair[] }[];
  note?: string;
}

export interface GreylistDelayRow {
  /** 'provider:…' or 'domain:…' or 'network:…' */
  key: string;
  label: string;
  provider?: { id: string; name: string };
  senderDomain?: string;
  triplets: number;
  neverPassed: number;
  medianDelaySeconds: number;
  maxDelaySeconds: number;
  recipients: string[];
  senders: string[];
  clients: string[];
  /** What to except: the provider, or the sender domain when SPF passes. */
  suggestion: { precision: WhitelistPrecision; value: string; words: string };
  pairs: ReviewPair[];
}

/** A sender with strong evidence of being wanted has started being rejected. */
export interface ReviewAlert {
  key: string;
  label: string;
  client: string;
  senderDomain: string;
  score: number;
  reasons: string[];
  at: number;
}
