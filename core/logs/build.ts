// How parsers make events: the body literal of the event, plus the header's four fields set
// on it. Not with object spread: `{ ...header, … }` costs microseconds a line on V8 where plain
// literals and assignments cost nanoseconds, and a log has millions of lines. Fields a line
// lacks are left undefined rather than absent (JSON leaves them out either way).
// Runtime: pure.

import type { LineHeader, ParsedLine } from './events';

/** An event without its header fields, as each parser writes it. */
export type EventBody = ParsedLine extends infer E
  ? E extends ParsedLine
    ? Omit<E, keyof LineHeader>
    : never
  : never;

export function event<B extends EventBody>(h: LineHeader, body: B): B & LineHeader {
  const e = body as B & LineHeader;
  e.time = h.time;
  e.host = h.host;
  e.program = h.program;
  e.pid = h.pid;
  return e;
}
