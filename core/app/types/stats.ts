// Statistics, log following and false-positive evidence as they cross the API.
// Runtime: types only.

/** Where the dashboard's numbers come from: a managed server, or a name given to an import. */
export interface LogSourceInfo {
  id: number;
  name: string;
  /** The managed server it follows; null for offline imports (or a server since removed). */
  serverId: number | null;
  lines: number;
  unknownLines: number;
  /** Time of the newest line read (Unix ms). */
  lastLineTime: number | null;
  /** When the last batch was written. */
  updatedAt: number | null;
}

export interface DashboardRequest {
  /** Unix ms, inclusive. */
  from: number;
  /** Unix ms, exclusive. */
  to: number;
  /** Sources to include; absent or empty: all. */
  sourceIds?: number[];
}

export type Resolution = 'minute' | 'hour' | 'day';

export interface ReasonSeries {
  /** The seed key: a rule id, or a reason class when no rule applies. */
  key: string;
  label: string;
}

export interface SeedRow {
  /** A rule id, a reason class, 'accepted', 'greylist.passed', 'greylist.never-passed', or one
   * of these prefixed 'dry-run:', 'discarded:', 'held:'. */
  key: string;
  label: string;
  count: number;
  /** Of all the rows' counts, one decimal. */
  percent: number;
}

export interface DashboardData {
  from: number;
  to: number;
  resolution: Resolution;
  bucketMs: number;
  sources: { id: number; name: string }[];
  /** Rejections and deferrals (greylisting included) per bucket, by seed key; at most 8 series
   * plus 'other'. */
  rejections: {
    series: ReasonSeries[];
    points: { time: number; counts: Record<string, number> }[];
  };
  /** Accepted messages against refused attempts, per bucket. */
  outcomes: { time: number; accepted: number; rejected: number; deferred: number }[];
  /** The seed table: each outcome of an SMTP attempt and its share. */
  seed: { rows: SeedRow[]; total: number };
  dnsbl: {
    /** dnsblog's per-list hits (postscreen), plus smtpd's RBL rejections per list. */
    hits: { list: string; hits: number }[];
    /** Clients by the exact set of lists they were found in (postscreen's dnsblog). */
    overlap: { lists: string[]; clients: number }[];
  };
  /** Connections that ended without QUIT (smtpd's `quit=0`, or no counts at all). */
  quitless: {
    disconnects: number;
    withoutQuit: number;
    points: { time: number; disconnects: number; withoutQuit: number }[];
  };
  greylist: {
    deferredAttempts: number;
    passedAttempts: number;
    neverPassedAttempts: number;
    passedTriplets: number;
    neverPassedTriplets: number;
    medianDelaySeconds?: number;
    /** Triplets that passed, by how long the wanted mail waited. */
    delays: { label: string; fromSeconds: number; toSeconds: number | null; triplets: number }[];
  };
  topClients: { client: string; name: string | null; count: number; lastTime: number }[];
  topSenderDomains: { domain: string; count: number }[];
  falsePositives: {
    byRule: {
      rule: string;
      label: string;
      rejections: number;
      likely: number;
      confirmed: number;
      /** Evidence not computed yet. */
      pending: number;
    }[];
    /** Per bucket and rule (only where something is likely or confirmed). */
    points: { time: number; rule: string; likely: number; confirmed: number }[];
    /** Rejections of the range whose client/sender evidence is still being gathered. */
    pending: number;
  };
  lines: number;
  unknownLines: number;
  /** Newest line of the included sources (Unix ms). */
  lastLineTime: number | null;
  /** Nothing was ever read from the included sources. */
  empty: boolean;
  queryMs: number;
}

/** Why a rejected client/sender was probably wanted mail. */
export interface EvidenceReport {
  client: string;
  senderDomain: string;
  sender?: string;
  computedAt: number;
  fcrdns: { status: 'confirmed' | 'unconfirmed' | 'none' | 'unknown'; name?: string };
  spf?: { result: string; domain: string };
  /** A known large sender whose published ranges hold the address (catalog: a later issue). */
  largeSender?: string;
  /** Several addresses of one organisation tried the same sender domain (a sending pool). */
  pool: { addresses: number; organisation?: string };
  /** The client's mail was accepted after the first rejection. */
  laterAccepted: { messages: number; firstAt?: number };
  score: number;
  likely: boolean;
  reasons: string[];
  /** The admin's mark, when there is one: wanted (a confirmed false positive) or not. */
  mark?: { wanted: boolean; note: string; actor: string; at: number };
}

export interface MarkRequest {
  /** At least one of client and senderDomain; '' or absent: any. */
  client?: string;
  senderDomain?: string;
  /** true: the mail was wanted (a confirmed false positive); false: it was not. */
  wanted: boolean;
  note?: string;
}

export type TailState =
  'disabled' | 'waiting' | 'connecting' | 'backfilling' | 'following' | 'retrying' | 'error';

export interface TailStatus {
  serverId: number;
  name: string;
  state: TailState;
  /** Where the log is read: a file path, or 'journald'. */
  log?: string;
  /** A sentence for the admin (the error and what to do, or what is happening). */
  message?: string;
  backfill?: { file: string; bytesDone: number; bytesTotal: number };
  lines: number;
  lastLineTime: number | null;
  /** Another process follows the logs (this one only shows what it writes). */
  elsewhere?: boolean;
  since: number;
}

export interface IngestRequest {
  /** A path on the machine running mxwarden (plain text or gzip). */
  file: string;
  /** The source's name: a managed server's, or any name for offline analysis. */
  server: string;
  /** The year of RFC 3164 lines (default: from the file's date). */
  year?: number;
  /** Minutes east of UTC of lines without a zone, or 'local' (the default): this machine's
   * zone, daylight saving time included. */
  utcOffsetMinutes?: number | 'local';
  /** Chosen by the caller: progress events carry it. */
  runId?: string;
}

export interface IngestResult {
  file: string;
  source: string;
  sourceId: number;
  compressed: boolean;
  lines: number;
  events: number;
  unknown: number;
  resumedAt: number;
  offset: number;
  unterminatedTail: boolean;
  durationMs: number;
}

export interface IngestProgress {
  runId?: string;
  file: string;
  bytesDone: number;
  bytesTotal: number;
  lines: number;
}
