// A stream's parser: what one line cannot know alone. It keeps the year of RFC 3164 lines and
// rolls it over at New Year (time/year.ts); it remembers, per postscreen connection, the
// finding (PREGREET, a protocol test, DENYLISTED) that postscreen's later "550 5.5.1 Protocol
// error" or "550 5.3.2 Service currently unavailable" is the consequence of, so that reply
// names the right rule and is not counted a second time; and it counts lines by kind.
// Runtime: pure.

import type { EventKind, ParsedLine, PostscreenFinding, UnknownLine } from './events';
import { parseWith, type ParseOptions } from './parse-line';
import { YearTracker, type YearState } from './time/year';

/**
 * What a LineParser remembers between lines, as plain data: a reader that stores it with its
 * position carries on after a restart as if it had never stopped.
 */
export interface LineParserState {
  year?: YearState;
  /** Open postscreen connections and the finding each is waiting to see answered. */
  findings: [string, PostscreenFinding][];
}

export interface LineCounts {
  lines: number;
  unknown: number;
  byKind: Partial<Record<EventKind | 'unknown', number>>;
  unknownByWhy: Partial<Record<UnknownLine['why'], number>>;
}

/** Open postscreen connections remembered at most (oldest forgotten first). */
const MAX_CONNECTIONS = 10_000;

const FINDING_RULE = {
  'postscreen.pregreet': 'postscreen.pregreet',
  'postscreen.protocol': 'postscreen.protocol',
  'postscreen.denylisted': 'client.deny',
} as const;

/** postscreen names a connection by client address and port (per host: logs may be merged). */
function connectionKey(e: {
  host?: string;
  clientAddress?: string;
  clientPort?: number;
}): string | undefined {
  if (e.clientAddress === undefined || e.clientPort === undefined) return undefined;
  return `${e.host ?? ''} ${e.clientAddress} ${e.clientPort}`;
}

export class LineParser {
  readonly counts: LineCounts = { lines: 0, unknown: 0, byKind: {}, unknownByWhy: {} };
  private readonly years: YearTracker;
  private readonly findings = new Map<string, PostscreenFinding>();
  private readonly yearFor = (month: number, day: number, hour: number, minute: number) =>
    this.years.yearFor(month, day, hour, minute);

  constructor(private readonly options: ParseOptions = {}) {
    const reference = options.referenceTime;
    this.years = new YearTracker(options.year, () => reference ?? Date.now());
  }

  snapshot(options: { keepYear?: boolean } = {}): LineParserState {
    const year = options.keepYear === false ? undefined : this.years.snapshot();
    return { ...(year ? { year } : {}), findings: [...this.findings] };
  }

  /** Takes up a snapshot's state (the year only when `keepYear`, e.g. the same file). */
  restore(state: LineParserState, options: { keepYear?: boolean } = {}): void {
    if (options.keepYear !== false) this.years.restore(state.year);
    this.findings.clear();
    for (const [k, v] of state.findings.slice(-MAX_CONNECTIONS)) this.findings.set(k, v);
  }

  parse(line: string): ParsedLine {
    const e = parseWith(line, this.options, this.yearFor);
    this.count(e);
    if (e.kind.startsWith('postscreen.') || e.kind === 'reject' || e.kind === 'defer')
      this.correlate(e);
    return e;
  }

  private count(e: ParsedLine): void {
    const c = this.counts;
    c.lines++;
    c.byKind[e.kind] = (c.byKind[e.kind] ?? 0) + 1;
    if (e.kind === 'unknown') {
      c.unknown++;
      c.unknownByWhy[e.why] = (c.unknownByWhy[e.why] ?? 0) + 1;
    }
  }

  private correlate(e: ParsedLine): void {
    switch (e.kind) {
      case 'postscreen.pregreet':
      case 'postscreen.protocol':
      case 'postscreen.denylisted': {
        const key = connectionKey(e);
        // The first finding is the one postscreen acts on.
        if (key === undefined || this.findings.has(key)) return;
        this.findings.set(key, e.kind);
        if (this.findings.size > MAX_CONNECTIONS) {
          const oldest = this.findings.keys().next().value;
          if (oldest !== undefined) this.findings.delete(oldest);
        }
        return;
      }
      case 'postscreen.disconnect': {
        const key = connectionKey(e);
        if (key !== undefined) this.findings.delete(key);
        return;
      }
      case 'reject':
      case 'defer': {
        // Only postscreen's own replies follow from a finding; an RBL reply does not.
        if (e.source !== 'postscreen') return;
        if (e.reasonClass !== 'protocol-error' && e.reasonClass !== 'client.access') return;
        const key = connectionKey(e);
        const finding = key === undefined ? undefined : this.findings.get(key);
        if (!finding) return;
        e.afterFinding = finding;
        e.ruleId = FINDING_RULE[finding];
        return;
      }
      default:
        return;
    }
  }
}
