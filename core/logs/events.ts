// The typed events mail-log lines become: the contract between the parsers and whatever counts
// them (statistics, charts, false-positive evidence). One discriminated union on `kind`; every
// event carries what the syslog header said (time, host, program, pid) and, when the line names
// them, the client, the envelope and the queue id. A line nothing recognises is an
// UnknownLine, never an exception. Runtime: pure (types only).

import type { RuleId } from '../policy/rules';
import type { ReasonClass } from './reasons';

/** What the syslog header (or the context, for bare message bodies) says. */
export interface LineHeader {
  /** Unix milliseconds; absent when the line carries no timestamp. */
  time?: number;
  host?: string;
  /** The syslog tag without its pid: 'postfix/smtpd', 'postfix-in/smtpd', 'postgrey', 'exim'. */
  program?: string;
  pid?: number;
}

/** The remote SMTP client as the line names it. */
export interface ClientFields {
  /** The verified name; Postfix writes 'unknown' when there is none (no FCrDNS). */
  clientName?: string;
  clientAddress?: string;
  clientPort?: number;
}

export interface EnvelopeFields {
  /** Postfix queue id or Exim message id; absent for NOQUEUE. */
  queueId?: string;
  /** '' for the null sender <>. */
  sender?: string;
  recipient?: string;
  helo?: string;
}

type Base = LineHeader & ClientFields;

// --- Connections -------------------------------------------------------------------------

export interface ConnectEvent extends Base {
  kind: 'connect';
}

export interface CommandCount {
  ok: number;
  total: number;
}

export interface DisconnectEvent extends Base {
  kind: 'disconnect';
  /** smtpd's per-command counts: `rcpt=0/1` is 0 accepted of 1. */
  commands?: Record<string, CommandCount>;
  commandsOk?: number;
  commandsTotal?: number;
  /** Exim: the session ended without a MAIL command. */
  noMail?: boolean;
  /** Exim: an ACL's "drop" closed the connection. */
  droppedByAcl?: boolean;
  durationSeconds?: number;
  helo?: string;
}

export interface ConnectionLostEvent extends Base {
  kind: 'connection.lost';
  condition: 'lost' | 'timeout' | 'too-many-errors';
  /** The SMTP stage it happened after: CONNECT, EHLO, DATA, … */
  after?: string;
  queueId?: string;
}

export interface ProtocolViolationEvent extends Base {
  kind: 'protocol.violation';
  violation:
    | 'pipelining'
    | 'non-smtp-command'
    | 'bare-newline'
    | 'pregreet'
    | 'protocol-error'
    | 'too-many-errors';
  after?: string;
  /** What the client sent, as logged. */
  input?: string;
  helo?: string;
}

export interface AuthFailedEvent extends Base {
  kind: 'auth.failed';
  /** SASL mechanism (Postfix) or authenticator name (Exim). */
  mechanism?: string;
  username?: string;
  reason?: string;
  helo?: string;
}

export interface LimitEvent extends Base {
  kind: 'limit.exceeded';
  /** e.g. 'Connection rate', 'Connection concurrency', 'Message delivery request rate'. */
  limit: string;
  count?: number;
  service?: string;
}

export interface RdnsWarningEvent extends Base {
  kind: 'rdns.warning';
  /** no-name: no PTR; name-not-resolving: the PTR name has no address; address-mismatch: not the client's. */
  problem: 'no-name' | 'name-not-resolving' | 'address-mismatch';
  /** The PTR name that failed to confirm. */
  claimedName?: string;
  detail?: string;
}

// --- Verdicts: what smtpd, postscreen, cleanup or Exim did with a command ----------------------

export type VerdictKind =
  'reject' | 'defer' | 'reject_warning' | 'hold' | 'discard' | 'warn' | 'filter' | 'redirect';

export type VerdictSource = 'smtpd' | 'postscreen' | 'milter' | 'proxy' | 'content' | 'exim';

/** A postscreen finding that a later reply of the same connection is the consequence of. */
export type PostscreenFinding =
  'postscreen.pregreet' | 'postscreen.protocol' | 'postscreen.denylisted';

export interface VerdictEvent extends Base, EnvelopeFields {
  /** reject is 5xx, defer 4xx, reject_warning a dry run (warn_if_reject); the rest are access actions. */
  kind: VerdictKind;
  source: VerdictSource;
  /** RCPT, MAIL, CONNECT, EHLO, DATA, END-OF-MESSAGE, … or header / body for content checks. */
  stage?: string;
  code?: number;
  enhanced?: string;
  /** The reply text after the codes (or the action's text). */
  reply: string;
  reasonClass: ReasonClass;
  /** The policy rule that produces this reply, when one does. */
  ruleId?: RuleId;
  /** The DNS list an RBL reply names. */
  list?: string;
  proto?: string;
  /**
   * Set by LineParser when this reply follows a postscreen finding of the same connection
   * (PREGREET, a protocol test, DENYLISTED): the finding is the event to count, not both.
   */
  afterFinding?: PostscreenFinding;
}

// --- postscreen -------------------------------------------------------------------------------

export interface PostscreenConnectEvent extends Base {
  kind: 'postscreen.connect';
  serverAddress?: string;
  serverPort?: number;
}

export interface PostscreenPassEvent extends Base {
  kind: 'postscreen.pass';
  /** new: passed the tests now; old: a cached pass. */
  verdict: 'new' | 'old';
}

export interface PostscreenAccessEvent extends Base {
  kind: 'postscreen.allowlisted' | 'postscreen.denylisted' | 'postscreen.allowlist_veto';
  /** WHITELISTED / BLACKLISTED / WHITELIST VETO: Postfix before 3.6. */
  legacyWording: boolean;
  ruleId?: RuleId;
}

export interface PostscreenPregreetEvent extends Base {
  kind: 'postscreen.pregreet';
  bytes: number;
  afterSeconds: number;
  input: string;
  ruleId: 'postscreen.pregreet';
}

export interface PostscreenDnsblRankEvent extends Base {
  kind: 'postscreen.dnsbl_rank';
  /** The combined weight of the lists that answered (postscreen names none of them). */
  rank: number;
}

export interface PostscreenHangupEvent extends Base {
  kind: 'postscreen.hangup';
  afterSeconds: number;
  /** e.g. 'tests after SMTP handshake'. */
  stage: string;
}

export interface PostscreenProtocolEvent extends Base {
  kind: 'postscreen.protocol';
  test: 'pipelining' | 'non-smtp-command' | 'bare-newline';
  after: string;
  input?: string;
  ruleId: 'postscreen.protocol';
}

export interface PostscreenLimitEvent extends Base {
  kind: 'postscreen.limit';
  limit: 'time' | 'count' | 'length';
  after: string;
}

export interface PostscreenDisconnectEvent extends Base {
  kind: 'postscreen.disconnect';
}

// --- DNS lists, greylisting, policy services ----------------------------------------------------

export interface DnsblHitEvent extends Base {
  kind: 'dnsbl.hit';
  list: string;
  answer: string;
  /** dnsbl:<zone>, or dnswl:<zone> for a list known (or said) to be an allowlist. */
  ruleId: RuleId;
}

export interface GreylistEvent extends Base, EnvelopeFields {
  kind: 'greylist';
  /** new · early-retry · … as the service wrote it (without the missing seconds). */
  reason: string;
  missingSeconds?: number;
  ruleId: 'greylist';
}

export type GreylistPassClass =
  'triplet-found' | 'client-whitelist' | 'recipient-whitelist' | 'client-awl' | 'dry-run' | 'other';

export interface GreylistPassEvent extends Base, EnvelopeFields {
  kind: 'greylist.pass';
  reason: string;
  passClass: GreylistPassClass;
  /** Seconds since the first attempt: only on the first pass of a triplet. */
  delaySeconds?: number;
}

export interface GreylistAwlEvent extends Base {
  kind: 'greylist.awl';
}

export interface PolicyDecisionEvent extends Base, EnvelopeFields {
  kind: 'policy.decision';
  action: 'reject' | 'defer' | 'pass' | 'other';
  /** The action as the service wrote it. */
  verb: string;
  reason?: string;
  code?: number;
  enhanced?: string;
  reply?: string;
  ruleId?: RuleId;
  delaySeconds?: number;
}

export interface PolicyTest {
  name: string;
  /** null when the test could not be run (ERR, SKIP). */
  score: number | null;
}

export interface PolicyScoreEvent extends Base, EnvelopeFields {
  kind: 'policy.score';
  tests: PolicyTest[];
  score: number;
}

// --- Messages and deliveries --------------------------------------------------------------------

export interface MessageAcceptedEvent extends Base, EnvelopeFields {
  kind: 'message.accepted';
  queueId: string;
  size?: number;
  messageId?: string;
  protocol?: string;
  saslUsername?: string;
}

export interface MessageIdEvent extends LineHeader {
  kind: 'message.id';
  queueId: string;
  messageId: string;
}

export interface MessageQueuedEvent extends LineHeader {
  kind: 'message.queued';
  queueId: string;
  sender: string;
  size?: number;
  nrcpt?: number;
}

export interface MessagePickupEvent extends LineHeader {
  kind: 'message.pickup';
  queueId: string;
  uid?: number;
  sender?: string;
}

export interface MessageRemovedEvent extends LineHeader {
  kind: 'message.removed';
  queueId: string;
}

export interface MessageExpiredEvent extends LineHeader {
  kind: 'message.expired';
  queueId: string;
  sender?: string;
}

export interface MessageAdminEvent extends LineHeader {
  kind: 'message.admin';
  queueId: string;
  action: 'hold' | 'release' | 'requeue';
}

export interface BounceEvent extends LineHeader {
  kind: 'bounce';
  queueId: string;
  /** e.g. 'sender non-delivery notification'. */
  notice: string;
  bounceQueueId?: string;
}

export interface DeliveryEvent extends LineHeader {
  kind: 'delivery';
  queueId: string;
  recipient: string;
  origRecipient?: string;
  /** sent · deferred · bounced · expired · undeliverable · suppressed (Exim *>) · … */
  status: string;
  relay?: string;
  delaySeconds?: number;
  /** Postfix delays=a/b/c/d: before the queue manager, in it, connection setup, transmission. */
  delays?: number[];
  dsn?: string;
  response?: string;
  router?: string;
  transport?: string;
}

export interface DeliveryProblemEvent extends LineHeader {
  kind: 'delivery.problem';
  queueId?: string;
  /** The remote host named, as `name[address]`. */
  peer?: string;
  text: string;
}

// --- Everything else a mail system says ---------------------------------------------------------

export interface NoticeEvent extends Base {
  kind: 'notice';
  level: 'info' | 'warning' | 'error' | 'fatal' | 'panic';
  /** Where it comes from or what it is about: 'tls', 'statistics', 'master', 'cache', … */
  topic: string;
  text: string;
  queueId?: string;
}

export type LogEvent =
  | ConnectEvent
  | DisconnectEvent
  | ConnectionLostEvent
  | ProtocolViolationEvent
  | AuthFailedEvent
  | LimitEvent
  | RdnsWarningEvent
  | VerdictEvent
  | PostscreenConnectEvent
  | PostscreenPassEvent
  | PostscreenAccessEvent
  | PostscreenPregreetEvent
  | PostscreenDnsblRankEvent
  | PostscreenHangupEvent
  | PostscreenProtocolEvent
  | PostscreenLimitEvent
  | PostscreenDisconnectEvent
  | DnsblHitEvent
  | GreylistEvent
  | GreylistPassEvent
  | GreylistAwlEvent
  | PolicyDecisionEvent
  | PolicyScoreEvent
  | MessageAcceptedEvent
  | MessageIdEvent
  | MessageQueuedEvent
  | MessagePickupEvent
  | MessageRemovedEvent
  | MessageExpiredEvent
  | MessageAdminEvent
  | BounceEvent
  | DeliveryEvent
  | DeliveryProblemEvent
  | NoticeEvent;

export type EventKind = LogEvent['kind'];

/** A line no parser recognised: counted, kept for a person to look at, never fatal. */
export interface UnknownLine extends LineHeader {
  kind: 'unknown';
  why: 'empty' | 'unrecognized' | 'parser-error';
  /** The message body (the whole line when it had no header). */
  text: string;
}

export type ParsedLine = LogEvent | UnknownLine;

const VERDICT_KINDS: ReadonlySet<string> = new Set<VerdictKind>([
  'reject',
  'defer',
  'reject_warning',
  'hold',
  'discard',
  'warn',
  'filter',
  'redirect',
]);

export function isVerdict(e: ParsedLine): e is VerdictEvent {
  return VERDICT_KINDS.has(e.kind);
}
