// One reader's way from text to the store: complete lines are parsed (LineParser), counted
// (StatsAggregator), and committed with the reader's position and the parser's and
// aggregator's memory, so the next run — after a crash, a dropped connection or a restart —
// continues exactly where the last commit left off. Runtime: Node.

import { LineParser, type LineParserState } from '../logs/line-parser';
import type { ParseOptions } from '../logs/parse-line';
import { PositionConflict, type StatsWriter } from '../store/stats-writer';
import { StatsAggregator, type AggregatorOptions, type AggregatorState } from './aggregator';
import { mergeBatch, newBatch, type StatsBatch } from './batch';

export interface SessionState {
  parser: LineParserState;
  aggregator: AggregatorState;
}

export interface IngestSessionOptions {
  writer: StatsWriter;
  sourceId: number;
  stream: string;
  /** The stored position's revision (null: nothing stored yet) and state. */
  revision: number | null;
  state?: SessionState | null;
  parse: ParseOptions;
  aggregator?: AggregatorOptions;
  now?: () => number;
}

export interface CommitResult {
  lines: number;
  events: number;
  unknown: number;
  lastTime: number | undefined;
}

export class IngestSession {
  private parser: LineParser;
  private readonly aggregator: StatsAggregator;
  private revision: number | null;
  private readonly now: () => number;
  /** Batches taken from the aggregator that are not committed yet. */
  private pending: StatsBatch = newBatch();
  /** Everything committed by this session. */
  readonly totals = { lines: 0, events: 0, unknown: 0 };

  constructor(private readonly o: IngestSessionOptions) {
    this.revision = o.revision;
    this.now = o.now ?? Date.now;
    this.parser = new LineParser(o.parse);
    this.aggregator = new StatsAggregator({ ...o.aggregator, now: this.now });
    if (o.state) {
      this.parser.restore(o.state.parser);
      this.aggregator.restore(o.state.aggregator);
    }
  }

  /** Lines from another file from now on (its own reference date); correlations carry over. */
  nextFile(parse: ParseOptions): void {
    const state = this.parser.snapshot({ keepYear: false });
    this.parser = new LineParser({ ...this.o.parse, ...parse });
    this.parser.restore(state, { keepYear: false });
  }

  /** Other parse options from now on (the server's zone, learnt after connecting). */
  setParseOptions(parse: ParseOptions): void {
    const state = this.parser.snapshot();
    this.o.parse = { ...this.o.parse, ...parse };
    this.parser = new LineParser(this.o.parse);
    this.parser.restore(state);
  }

  /** Parses complete lines (text without its final newline, or '' for none). */
  addLines(lines: readonly string[]): void {
    for (const line of lines) this.aggregator.add(this.parser.parse(line), line);
  }

  /** Splits `text` (which ends with a newline, or is empty) into lines and parses them. */
  addText(text: string): void {
    if (text === '') return;
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      const line = text.slice(start, end);
      this.aggregator.add(this.parser.parse(line), line);
      start = nl + 1;
    }
  }

  get pendingLines(): number {
    return this.pending.lines;
  }

  state(): SessionState {
    return { parser: this.parser.snapshot(), aggregator: this.aggregator.snapshot() };
  }

  /**
   * Writes what was parsed since the last commit with `position` (where the next read starts).
   * A PositionConflict means another reader moved the position: this session must end.
   */
  commit(position: unknown): CommitResult {
    mergeBatch(this.pending, this.aggregator.take());
    const b = this.pending;
    const result = {
      lines: b.lines,
      events: b.events.length,
      unknown: b.unknown,
      lastTime: b.lastTime,
    };
    this.revision = this.o.writer.commit({
      sourceId: this.o.sourceId,
      stream: this.o.stream,
      expectedRevision: this.revision,
      position,
      state: this.state(),
      batch: b,
      now: this.now(),
    });
    this.pending = newBatch();
    this.totals.lines += result.lines;
    this.totals.events += result.events;
    this.totals.unknown += result.unknown;
    return result;
  }
}

export { PositionConflict };
