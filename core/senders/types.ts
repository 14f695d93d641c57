// The shapes of cloud-sender expansions as they are stored and cross the API (the Senders page,
// the CLI's --json). Runtime: types only.

export interface RangeSet {
  v4: string[];
  v6: string[];
}

export interface RangeDiff {
  added: RangeSet;
  removed: RangeSet;
}

export type SpfIssueKind =
  | 'timeout'
  | 'dns-error'
  | 'not-in-snapshot'
  | 'lookup-cap'
  | 'malformed'
  | 'no-spf'
  | 'multiple-spf'
  | 'loop'
  | 'void-lookup'
  | 'void-limit'
  | 'lookup-limit'
  | 'mx-limit'
  | 'too-deep'
  | 'not-expandable'
  | 'not-pass'
  | 'ptr'
  | 'delegated'
  | 'carried-over';

export interface SpfIssue {
  kind: SpfIssueKind;
  /** error: ranges may be missing because of it; warning: the record is faulty; info: a fact. */
  severity: 'error' | 'warning' | 'info';
  /** The SPF name whose record holds the term, or the name that was looked up. */
  name: string;
  /** The term as published, e.g. exists:%{i}._spf.example.com. */
  term?: string;
  message: string;
}

export interface RangeOrigin {
  /** The network, normalised (host bits cleared), always with its prefix. */
  cidr: string;
  /** The SPF name whose record gave it. */
  via: string;
  term: string;
}

export interface HostnameOrigin {
  /** Senders whose verified host name ends with this suffix belong to the provider. */
  suffix: string;
  /** The SPF name whose ptr term gave it, or 'catalog'. */
  via: string;
  term: string;
}

export type VisitStatus =
  | 'ok'
  | 'nxdomain'
  | 'nodata'
  | 'no-spf'
  | 'multiple-spf'
  | 'malformed'
  | 'timeout'
  | 'error'
  | 'missing';

export interface SpfVisit {
  name: string;
  /** 0 for the provider's own SPF names. */
  depth: number;
  /** The name whose include/redirect led here. */
  parent?: string;
  status: VisitStatus;
  record?: string;
}

export interface SpfExpansion {
  roots: string[];
  ranges: RangeSet;
  origins: RangeOrigin[];
  hostnames: HostnameOrigin[];
  visits: SpfVisit[];
  issues: SpfIssue[];
  /** DNS questions asked (each name and type once per expansion). */
  lookups: number;
  /** Of those, answered from the resolver's cache. */
  cached: number;
  /** Per root: DNS-querying terms a receiver's check_host would evaluate (RFC 7208 §4.6.4). */
  rfcLookups: Record<string, number>;
  /** False when a timeout, a DNS error or a gap in the snapshot may have hidden ranges. */
  complete: boolean;
  /** Ranges kept from the expansion before because their records could not be read this time. */
  carried?: { from: 'live' | 'snapshot'; asOf: string; ranges: number; hostnames: number };
}

/** What changed since the expansion before (or since the snapshot, for the first live one). */
export interface ExpansionDiff extends RangeDiff {
  against: 'snapshot' | 'live';
  /** When the compared expansion was made (ms since the epoch; the snapshot's date). */
  againstAt: number;
  hostnamesAdded: string[];
  hostnamesRemoved: string[];
}

/** One provider's expansion as stored: live (with its DNS servers) or the shipped snapshot. */
export interface ProviderExpansion extends SpfExpansion {
  providerId: string;
  /** 'snapshot' data is never presented as live. */
  origin: 'live' | 'snapshot';
  /** Stored expansion id (live only). */
  id?: number;
  /** When it was made (ms since the epoch); for the snapshot, its date at 00:00 UTC. */
  at: number;
  /** 'YYYY-MM-DD' for the snapshot, an ISO time for live data. */
  asOf: string;
  /** Where snapshot records come from; the DNS servers asked for live data. */
  source: string;
  /** Time the expansion took (ms); 0 for the snapshot, computed offline. */
  ms: number;
  diff?: ExpansionDiff;
}
